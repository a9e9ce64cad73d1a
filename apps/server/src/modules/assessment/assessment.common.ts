import type { InstrumentContent, Participant } from '@dkbm/contract';
import type {
  assessmentInstruments,
  assessmentParticipants,
  assessmentRounds,
} from '../../platform/db/schema';
import { HttpError, notFound } from '../../platform/http/errors';

/*
 * What the self-assessment's files share: row types, the default instrument's id, timestamps, and the
 * rules every change checks (a closed round is read-only, answers need an open round).
 */

export type RoundRow = typeof assessmentRounds.$inferSelect;
export type InstrumentRow = typeof assessmentInstruments.$inferSelect;
export type ParticipantRow = typeof assessmentParticipants.$inferSelect;
export type RaterGroup = Participant['group'];

/** Fixed id of the shipped default instrument (version 1 of the DKBM development model). */
export const DEFAULT_INSTRUMENT_ID = '5f1d0c2a-7e43-4c1b-9a55-3d2b8e6f0001';

/** Timestamps as ISO 8601 (PGlite and node-postgres format them differently). */
export const iso = (s: string | null | undefined): string | null => (s ? new Date(s).toISOString() : null);

export const closedMessage =
  'Die Runde ist abgeschlossen. Einschätzungen, Konsolidierung und Rahmenbedingungen können nicht mehr geändert werden.';

export function assertNotClosed(round: RoundRow): void {
  if (round.status === 'closed') throw new HttpError(409, 'round_closed', closedMessage);
}

export function assertOpen(round: RoundRow): void {
  assertNotClosed(round);
  if (round.status !== 'open') {
    throw new HttpError(
      409,
      'round_not_open',
      'Die Runde ist noch nicht geöffnet. Einschätzungen sind erst nach dem Öffnen möglich.',
    );
  }
}

export function assertComponent(instrument: InstrumentContent, componentKey: string) {
  const c = instrument.components.find((x) => x.key === componentKey);
  if (!c) throw notFound('Die Komponente');
  return c;
}
