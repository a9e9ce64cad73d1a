/*
 * The self-assessment's services (DKBM-Selbsteinschätzung, ADR 0007), one file per part: instruments,
 * rounds, participants, answers and evidence, consolidation, framework conditions, results with
 * development goals, sharing with regional agencies. Each takes the tenant scope first; data access
 * lives in the matching *.repo.ts.
 */
export { DEFAULT_INSTRUMENT_ID, iso, type ParticipantRow, type RoundRow } from './assessment.common';
export {
  contentOf,
  createInstrumentVersion,
  ensureDefaultInstrument,
  getInstrument,
  listInstruments,
} from './instruments.service';
export {
  createRound,
  deleteDraftRound,
  listRounds,
  loadRound,
  loadRoundWithInstrument,
  myRounds,
  roundDto,
  updateRound,
} from './rounds.service';
export {
  addExternalParticipant,
  addUserParticipant,
  endOfDayBerlin,
  externalParticipant,
  listParticipants,
  listRoundCandidates,
  revokeParticipant,
  userParticipant,
} from './participants.service';
export {
  answersOf,
  attachEvidence,
  evidenceType,
  loadEvidenceFile,
  MAX_EVIDENCE_BYTES,
  missingComponents,
  raterView,
  removeEvidence,
  saveAnswer,
  submitAnswers,
} from './answers.service';
export { agree, consolidation, frameworkOf, ratingsOf, type RatingRow } from './consolidation.service';
export { frameworkPrefill, saveFramework } from './framework.service';
export { goalsOf, results, updateGoal } from './results.service';
export { grantShare, listAgencies, listShares, networkOverview, revokeShare } from './sharing.service';
