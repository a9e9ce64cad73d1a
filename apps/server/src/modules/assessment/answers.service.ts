import type { Answer, InstrumentContent, RaterView } from '@dkbm/contract';
import { HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { assertComponent, assertOpen, iso, type ParticipantRow, type RoundRow } from './assessment.common';
import {
  answerRows,
  deleteEvidence,
  findEvidenceFile,
  replaceEvidence,
  upsertAnswer,
  type AnswerRow,
} from './answers.repo';
import { updateParticipant } from './participants.repo';

/* Answering: a rater's answers per component, submitting, evidence files (ADR 0007). */

export async function answersOf(s: TenantScope, participantId: string): Promise<Answer[]> {
  const r = await answerRows(s, participantId);
  return r.map(({ a, f }) => toAnswer(a, f && f.id ? { id: f.id, name: f.name!, size: f.size! } : null));
}

function toAnswer(a: AnswerRow, file: { id: string; name: string; size: number } | null): Answer {
  return {
    componentKey: a.componentKey,
    level: a.level,
    cannotAssess: a.cannotAssess,
    comment: a.comment,
    evidenceUrl: a.evidenceUrl,
    evidenceFile: file,
    updatedAt: iso(a.updatedAt),
  };
}

export async function raterView(
  s: TenantScope,
  round: RoundRow,
  instrument: InstrumentContent,
  participant: ParticipantRow,
  tenantName: string,
): Promise<RaterView> {
  const answers = await answersOf(s, participant.id);
  const keys = new Set(instrument.components.map((c) => c.key));
  return {
    round: {
      id: round.id,
      title: round.title,
      purpose: round.purpose,
      endsOn: round.endsOn,
      status: round.status as RaterView['round']['status'],
    },
    tenantName,
    instrument,
    answers: answers
      .filter((a) => keys.has(a.componentKey))
      .toSorted(
        (a, b) =>
          instrument.components.findIndex((c) => c.key === a.componentKey) -
          instrument.components.findIndex((c) => c.key === b.componentKey),
      ),
    submittedAt: iso(participant.submittedAt),
  };
}

export interface AnswerInput {
  level: number | null;
  cannotAssess: boolean;
  comment?: string | null | undefined;
  evidenceUrl?: string | null | undefined;
}

/** Save one answer of a rater (upsert). The round must be open. */
export async function saveAnswer(
  s: TenantScope,
  round: RoundRow,
  instrument: InstrumentContent,
  participant: ParticipantRow,
  componentKey: string,
  input: AnswerInput,
): Promise<Answer> {
  assertOpen(round);
  assertComponent(instrument, componentKey);
  const empty = (t: string | null | undefined) => (t === undefined ? undefined : t?.trim() ? t.trim() : null);
  const comment = empty(input.comment);
  const evidenceUrl = empty(input.evidenceUrl);
  const level = input.cannotAssess ? null : input.level;
  await upsertAnswer(
    s,
    { participantId: participant.id, roundId: round.id, componentKey },
    { level, cannotAssess: input.cannotAssess, comment: comment ?? null, evidenceUrl: evidenceUrl ?? null },
    {
      ...(comment !== undefined ? { comment } : {}),
      ...(evidenceUrl !== undefined ? { evidenceUrl } : {}),
    },
  );
  await updateParticipant(s, participant.id, { savedNow: true });
  const a = (await answersOf(s, participant.id)).find((x) => x.componentKey === componentKey);
  return a!;
}

/** Components of the instrument the rater has not answered (neither a type nor „kann ich nicht einschätzen“). */
export function missingComponents(instrument: InstrumentContent, answers: Answer[]) {
  const done = new Set(answers.filter((a) => a.level !== null || a.cannotAssess).map((a) => a.componentKey));
  return instrument.components.filter((c) => !done.has(c.key));
}

export async function submitAnswers(
  s: TenantScope,
  round: RoundRow,
  instrument: InstrumentContent,
  participant: ParticipantRow,
): Promise<void> {
  assertOpen(round);
  const missing = missingComponents(instrument, await answersOf(s, participant.id));
  if (missing.length) {
    throw new HttpError(
      400,
      'incomplete',
      `Bitte schätzen Sie noch ein (oder wählen Sie „kann ich nicht einschätzen“): ${missing.map((m) => m.name).join(', ')}.`,
      { missing: missing.map((m) => m.key) },
    );
  }
  await updateParticipant(s, participant.id, { submittedNow: true, savedNow: true });
}

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const EVIDENCE_TYPES: Record<
  string,
  { mime: string; magic: 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'zip' | 'ole' }
> = {
  pdf: { mime: 'application/pdf', magic: 'pdf' },
  png: { mime: 'image/png', magic: 'png' },
  jpg: { mime: 'image/jpeg', magic: 'jpeg' },
  jpeg: { mime: 'image/jpeg', magic: 'jpeg' },
  gif: { mime: 'image/gif', magic: 'gif' },
  webp: { mime: 'image/webp', magic: 'webp' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: 'zip',
  },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: 'zip',
  },
  odt: { mime: 'application/vnd.oasis.opendocument.text', magic: 'zip' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', magic: 'zip' },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', magic: 'zip' },
  doc: { mime: 'application/msword', magic: 'ole' },
  xls: { mime: 'application/vnd.ms-excel', magic: 'ole' },
  ppt: { mime: 'application/vnd.ms-powerpoint', magic: 'ole' },
};

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** The MIME type of an evidence file, checked by extension and content; null when not allowed. */
export function evidenceType(fileName: string, bytes: Uint8Array): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const t = EVIDENCE_TYPES[ext];
  if (!t) return null;
  const ok = {
    pdf: () => startsWith(bytes, [0x25, 0x50, 0x44, 0x46]),
    png: () => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]),
    jpeg: () => startsWith(bytes, [0xff, 0xd8, 0xff]),
    gif: () => startsWith(bytes, [0x47, 0x49, 0x46, 0x38]),
    webp: () => startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8),
    zip: () => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]),
    ole: () => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  }[t.magic]();
  return ok ? t.mime : null;
}

/** Attach (or replace) the evidence file of an answer. */
export async function attachEvidence(
  s: TenantScope,
  round: RoundRow,
  instrument: InstrumentContent,
  participant: ParticipantRow,
  componentKey: string,
  file: { name: string; mime: string; bytes: Uint8Array },
): Promise<Answer> {
  assertOpen(round);
  assertComponent(instrument, componentKey);
  const name = file.name.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || 'nachweis';
  await s.transaction(async (tx) => {
    await replaceEvidence(
      tx,
      { participantId: participant.id, roundId: round.id, componentKey },
      {
        name,
        mime: file.mime,
        size: file.bytes.byteLength,
        content: Buffer.from(file.bytes).toString('base64'),
      },
    );
    await updateParticipant(tx, participant.id, { savedNow: true });
  });
  return (await answersOf(s, participant.id)).find((a) => a.componentKey === componentKey)!;
}

export async function removeEvidence(
  s: TenantScope,
  round: RoundRow,
  instrument: InstrumentContent,
  participant: ParticipantRow,
  componentKey: string,
): Promise<Answer> {
  assertOpen(round);
  assertComponent(instrument, componentKey);
  await deleteEvidence(s, participant.id, componentKey);
  const a = (await answersOf(s, participant.id)).find((x) => x.componentKey === componentKey);
  if (!a) throw notFound('Die Antwort');
  return a;
}

export async function loadEvidenceFile(s: TenantScope, roundId: string, fileId: string) {
  const f = await findEvidenceFile(s, roundId, fileId);
  if (!f) throw notFound('Die Datei');
  return f;
}
