import { HttpError } from '../../platform/http/errors';

/** A file as uploaded (name and bytes). */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** Progress of a long step: percent and a German text, shown on the run. */
export type ProgressFn = (percent: number, text: string) => Promise<void> | void;

/** A commit that is refused before anything changed (the run stays ready for another try). */
export class ImportRefused extends HttpError {}
