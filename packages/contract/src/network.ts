import { z } from 'zod';
import { patchSchema } from './patch';
import { indicatorTopicSchema } from './monitoring';
import { recommendationStatusSchema } from './steering';

/*
 * Netzwerk & Gremien (module `network`): actors, bodies with memberships, meetings with agenda items
 * (live indicator data frozen when the minutes are approved), decisions, and the enquiry log.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const isoDate = z.iso.date();

export const actorScopeSchema = z.enum(['internal', 'external']);
export const actorTypeSchema = z.enum([
  'amt',
  'schule',
  'kita_traeger',
  'vhs',
  'hochschule',
  'kammer',
  'arbeitsagentur',
  'jobcenter',
  'stiftung',
  'verein',
  'elternvertretung',
  'schuelervertretung',
  'sonstige',
]);
export type ActorType = z.infer<typeof actorTypeSchema>;

export const ACTOR_TYPE_LABELS: Record<ActorType, { de: string; en: string }> = {
  amt: { de: 'Amt / Fachbereich', en: 'Department' },
  schule: { de: 'Schule', en: 'School' },
  kita_traeger: { de: 'Kita-Träger', en: 'Day-care provider' },
  vhs: { de: 'Volkshochschule', en: 'Adult education centre' },
  hochschule: { de: 'Hochschule', en: 'University' },
  kammer: { de: 'Kammer', en: 'Chamber' },
  arbeitsagentur: { de: 'Agentur für Arbeit', en: 'Employment agency' },
  jobcenter: { de: 'Jobcenter', en: 'Jobcentre' },
  stiftung: { de: 'Stiftung', en: 'Foundation' },
  verein: { de: 'Verein / Verband', en: 'Association' },
  elternvertretung: { de: 'Elternvertretung', en: "Parents' representation" },
  schuelervertretung: { de: 'Schülervertretung', en: "Pupils' representation" },
  sonstige: { de: 'Sonstige', en: 'Other' },
};

export const actorInputSchema = z.object({
  name: text(200).describe('Name der Organisation oder Einheit'),
  scope: actorScopeSchema.describe('internal: Amt/Fachbereich der Verwaltung; external: Partner'),
  actorType: actorTypeSchema,
  topics: z.array(indicatorTopicSchema).max(20).default([]),
  /** Areas of the monitoring (Stadtteile, Sozialräume) the actor works in. */
  areaIds: z.array(z.uuid()).max(50).default([]),
  /** The actor's Träger in the Bildungswegweiser, where one exists. */
  providerId: z.uuid().nullish(),
  address: optionalText(300),
  website: optionalText(300),
});
export type ActorInput = z.infer<typeof actorInputSchema>;
export const actorUpdateSchema = patchSchema(actorInputSchema);

export const actorSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scope: actorScopeSchema,
  actorType: actorTypeSchema,
  topics: z.array(indicatorTopicSchema),
  areas: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** The Träger in the Bildungswegweiser (directory module), if linked. */
  provider: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  /** Bodies the actor is currently a member of. */
  bodies: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type Actor = z.infer<typeof actorSchema>;

export const bodyTypeSchema = z.enum([
  'steuerungsgruppe',
  'bildungsbeirat',
  'arbeitskreis',
  'fachgremium',
  'bildungskonferenz',
]);
export type BodyType = z.infer<typeof bodyTypeSchema>;
export const BODY_TYPE_LABELS: Record<BodyType, { de: string; en: string }> = {
  steuerungsgruppe: { de: 'Steuerungsgruppe / Lenkungskreis', en: 'Steering group' },
  bildungsbeirat: { de: 'Bildungsbeirat', en: 'Education advisory board' },
  arbeitskreis: { de: 'Arbeitskreis', en: 'Working group' },
  fachgremium: { de: 'Fachgremium', en: 'Expert committee' },
  bildungskonferenz: { de: 'Bildungskonferenz', en: 'Education conference' },
};

export const bodyInputSchema = z.object({
  name: text(200),
  bodyType: bodyTypeSchema,
  mandate: optionalText(2000),
  chairActorId: z.uuid().nullish(),
});
export type BodyInput = z.infer<typeof bodyInputSchema>;
export const bodyUpdateSchema = patchSchema(bodyInputSchema);

export const bodyMembershipSchema = z.object({
  id: z.uuid(),
  actorId: z.uuid(),
  actorName: z.string(),
  function: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** Membership in force today. */
  active: z.boolean(),
});
export type BodyMembership = z.infer<typeof bodyMembershipSchema>;

export const bodyMembershipInputSchema = z.object({
  actorId: z.uuid(),
  function: text(120).describe('Funktion im Gremium, z. B. Vorsitz, Mitglied, beratend'),
  validFrom: isoDate,
});
export const bodyMembershipEndSchema = z.object({ validTo: isoDate });

export const meetingSummarySchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  bodyName: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  onlineLink: z.string().nullable(),
  invitedAt: z.string().nullable(),
  minutesApprovedAt: z.string().nullable(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const bodySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  bodyType: bodyTypeSchema,
  mandate: z.string().nullable(),
  chairActorId: z.uuid().nullable(),
  chairName: z.string().nullable(),
  activeMembers: z.number().int(),
});
export type Body = z.infer<typeof bodySchema>;

export const bodyDetailSchema = bodySchema.extend({
  memberships: z.array(bodyMembershipSchema),
  meetings: z.array(meetingSummarySchema),
});
export type BodyDetail = z.infer<typeof bodyDetailSchema>;

const dateTime = z.iso.datetime({ offset: true });

export const meetingInputSchema = z
  .object({
    bodyId: z.uuid(),
    title: text(200),
    startsAt: dateTime,
    endsAt: dateTime,
    place: optionalText(300),
    onlineLink: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullish(),
    /** A series: this meeting and further ones at the same local time (titles numbered „(1/6)“). */
    repeat: z
      .object({
        frequency: z.enum(['weekly', 'monthly']),
        interval: z.number().int().min(1).max(12).describe('alle n Wochen bzw. Monate'),
        count: z.number().int().min(2).max(24).describe('Anzahl der Sitzungen der Reihe'),
      })
      .nullish(),
  })
  .refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), {
    path: ['endsAt'],
    message: 'Das Ende muss nach dem Beginn liegen.',
  });
export type MeetingInput = z.infer<typeof meetingInputSchema>;

/** Values of the embedded indicator as shown in the meeting (live, or frozen with the minutes). */
export const liveDataSchema = z.object({
  indicatorId: z.uuid(),
  indicatorName: z.string(),
  unit: z.string(),
  decimals: z.number().int(),
  areaId: z.uuid(),
  areaName: z.string(),
  points: z.array(
    z.object({ period: z.string(), value: z.string().nullable(), flag: z.string().nullable() }),
  ),
  /** When the values were taken (frozen) or read (live). */
  asOf: z.string(),
  frozen: z.boolean(),
});
export type LiveData = z.infer<typeof liveDataSchema>;

export const agendaItemInputSchema = z
  .object({
    title: text(200),
    description: optionalText(4000),
    indicatorId: z.uuid().nullish(),
    areaId: z.uuid().nullish(),
    /** A goal of the steering loop shown with its progress. */
    goalId: z.uuid().nullish(),
    /** A recommendation of the steering loop, e.g. one awaiting the body's decision. */
    recommendationId: z.uuid().nullish(),
  })
  .refine((a) => !a.indicatorId === !a.areaId, {
    path: ['areaId'],
    message: 'Zu einer Kennzahl gehört eine Raumeinheit (und umgekehrt).',
  });
export const minutesInputSchema = z.object({ minutes: z.string().trim().max(20_000) });

export const meetingDecisionOutcomeSchema = z.enum(['adopted', 'rejected', 'deferred']);
export const meetingDecisionInputSchema = z.object({
  agendaItemId: z.uuid(),
  text: text(4000),
  outcome: meetingDecisionOutcomeSchema,
});
export const meetingDecisionSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  agendaItemId: z.uuid().nullable(),
  text: z.string(),
  outcome: meetingDecisionOutcomeSchema,
  recommendationId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type MeetingDecision = z.infer<typeof meetingDecisionSchema>;

/** A steering goal embedded in an agenda item: live while prepared, frozen with the minutes. */
export const agendaGoalSchema = z.object({
  goalId: z.uuid(),
  title: z.string(),
  progressLabel: z.string(),
  targets: z.array(
    z.object({
      indicatorName: z.string(),
      areaName: z.string(),
      unit: z.string().nullable(),
      targetPeriod: z.string(),
      targetValue: z.string(),
      latestPeriod: z.string().nullable(),
      latestValue: z.string().nullable(),
      progressLabel: z.string(),
    }),
  ),
  asOf: z.string(),
  frozen: z.boolean(),
});
export type AgendaGoal = z.infer<typeof agendaGoalSchema>;
/** A steering recommendation embedded in an agenda item: live while prepared, frozen with the minutes. */
export const agendaRecommendationSchema = z.object({
  recommendationId: z.uuid(),
  title: z.string(),
  text: z.string(),
  status: recommendationStatusSchema,
  asOf: z.string(),
  frozen: z.boolean(),
});
export type AgendaRecommendation = z.infer<typeof agendaRecommendationSchema>;

export const agendaItemSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  minutes: z.string().nullable(),
  live: liveDataSchema.nullable(),
  goal: agendaGoalSchema.nullable(),
  recommendation: agendaRecommendationSchema.nullable(),
  decisions: z.array(meetingDecisionSchema),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const meetingDetailSchema = meetingSummarySchema.extend({
  agenda: z.array(agendaItemSchema),
  /** Active members of the body on the meeting day, and whether they attended. */
  attendance: z.array(z.object({ actorId: z.uuid(), actorName: z.string(), present: z.boolean() })),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;
export const attendanceInputSchema = z.object({ presentActorIds: z.array(z.uuid()).max(500) });

export const requesterTypeSchema = z.enum(['politik', 'verwaltung', 'presse', 'oeffentlichkeit']);
export type RequesterType = z.infer<typeof requesterTypeSchema>;
export const REQUESTER_TYPE_LABELS: Record<RequesterType, { de: string; en: string }> = {
  politik: { de: 'Politik', en: 'Politics' },
  verwaltung: { de: 'Verwaltung', en: 'Administration' },
  presse: { de: 'Presse', en: 'Press' },
  oeffentlichkeit: { de: 'Öffentlichkeit', en: 'Public' },
};
export const enquiryStatusSchema = z.enum(['received', 'in_progress', 'answered']);
export type EnquiryStatus = z.infer<typeof enquiryStatusSchema>;

export const enquiryInputSchema = z.object({
  title: text(200),
  question: text(8000),
  requesterType: requesterTypeSchema,
  requester: text(200).describe('Anfragende Stelle (Fraktion, Amt, Redaktion), keine Privatperson'),
  topic: indicatorTopicSchema,
  receivedOn: isoDate,
  dueOn: isoDate.nullish(),
  assignee: optionalText(120),
  indicatorId: z.uuid().nullish(),
  /** A Bildungsbericht of the same municipality the answer draws on. */
  reportId: z.uuid().nullish(),
});
export const enquiryUpdateSchema = z.object({
  status: enquiryStatusSchema.optional(),
  assignee: optionalText(120),
  answer: z.string().trim().max(20_000).nullish(),
  dueOn: isoDate.nullish(),
  reportId: z.uuid().nullish(),
});
export const enquiryAttachmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
});
export const enquirySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  question: z.string(),
  requesterType: requesterTypeSchema,
  requester: z.string(),
  topic: indicatorTopicSchema,
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  assignee: z.string().nullable(),
  indicatorId: z.uuid().nullable(),
  indicatorName: z.string().nullable(),
  /** The linked Bildungsbericht (of the same municipality) and its title. */
  reportId: z.uuid().nullable(),
  reportTitle: z.string().nullable(),
  status: enquiryStatusSchema,
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  /** Open and past its due date (today in Europe/Berlin). */
  overdue: z.boolean(),
  /** Open and due within the next 7 days (the reminder list). */
  dueSoon: z.boolean(),
  /** Answered on or before its due date (null while open or without a due date). */
  inTime: z.boolean().nullable(),
  /** Files attached to the answer (stored in the database, downloaded through the API). */
  attachments: z.array(enquiryAttachmentSchema),
});
export type Enquiry = z.infer<typeof enquirySchema>;
export type EnquiryAttachment = z.infer<typeof enquiryAttachmentSchema>;

/** At most this many bytes per attachment of an answer (10 MB). */
export const MAX_ENQUIRY_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Answer templates (Antwortvorlagen): reusable text blocks inserted into an answer. */
export const answerTemplateInputSchema = z.object({
  title: text(200),
  text: text(20_000),
});
export const answerTemplateSchema = z.object({ id: z.uuid(), title: z.string(), text: z.string() });
export type AnswerTemplate = z.infer<typeof answerTemplateSchema>;

/** Reminders: open enquiries overdue or due within `days` days (today in Europe/Berlin). */
export const enquiryReminderQuerySchema = z.object({
  days: z.coerce.number().int().min(0).max(90).default(7),
});

export const enquiryStatsSchema = z.object({
  total: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  answered: z.number().int(),
  answeredInTime: z.number().int(),
  byRequesterType: z.array(z.object({ requesterType: requesterTypeSchema, count: z.number().int() })),
  byTopic: z.array(z.object({ topic: indicatorTopicSchema, count: z.number().int() })),
});
export type EnquiryStats = z.infer<typeof enquiryStatsSchema>;

/* ---------- contacts (persons): minimal personal data, DSGVO export and erasure ---------- */

export const legalBasisSchema = z.enum(['consent', 'public_task', 'contract', 'legitimate_interest']);
export const LEGAL_BASIS_LABELS: Record<z.infer<typeof legalBasisSchema>, { de: string; en: string }> = {
  consent: { de: 'Einwilligung (Art. 6 Abs. 1 a DSGVO)', en: 'Consent (Art. 6(1)(a) GDPR)' },
  public_task: { de: 'Öffentliche Aufgabe (Art. 6 Abs. 1 e DSGVO)', en: 'Public task (Art. 6(1)(e) GDPR)' },
  contract: { de: 'Vertrag (Art. 6 Abs. 1 b DSGVO)', en: 'Contract (Art. 6(1)(b) GDPR)' },
  legitimate_interest: {
    de: 'Berechtigtes Interesse (Art. 6 Abs. 1 f DSGVO)',
    en: 'Legitimate interest (Art. 6(1)(f) GDPR)',
  },
};

export const personInputSchema = z
  .object({
    name: text(120),
    function: optionalText(120),
    actorId: z.uuid().nullish(),
    email: z.email().max(200).nullish(),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[0-9+()/ -]*$/, 'Nur Ziffern, Leerzeichen und + ( ) / -')
      .nullish(),
    purpose: text(300).describe('Zweck der Speicherung, z. B. Einladungen zum Bildungsbeirat'),
    legalBasis: legalBasisSchema,
    consentOn: isoDate.nullish(),
  })
  .refine((p) => p.legalBasis !== 'consent' || !!p.consentOn, {
    path: ['consentOn'],
    message: 'Bei einer Einwilligung ist das Datum der Einwilligung anzugeben.',
  });

export const personSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  function: z.string().nullable(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  purpose: z.string(),
  legalBasis: legalBasisSchema,
  consentOn: z.string().nullable(),
  lastActivityOn: z.string(),
  erased: z.boolean(),
  /** No activity for longer than the retention period: check whether the data are still needed. */
  reviewDue: z.boolean(),
});
export type Person = z.infer<typeof personSchema>;

/** Years without activity after which a contact is flagged for review (retention rule). */
export const PERSON_RETENTION_YEARS = 3;

/* ---------- cooperation map: actors that work together in bodies ---------- */

export const cooperationQuerySchema = z.object({
  topic: indicatorTopicSchema.optional(),
  actorType: actorTypeSchema.optional(),
  /** Keeps pairs where at least one actor works in this area. */
  areaId: z.uuid().optional(),
});
export const cooperationEdgeSchema = z.object({
  actorA: z.object({ id: z.uuid(), name: z.string() }),
  actorB: z.object({ id: z.uuid(), name: z.string() }),
  /** The bodies both are active members of. */
  bodies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** The cooperation projects running today that both take part in. */
  projects: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type CooperationEdge = z.infer<typeof cooperationEdgeSchema>;

/* ---------- Kooperationsprojekte: projects actors carry out together ---------- */

const cooperationProjectFields = {
  name: text(200),
  topic: indicatorTopicSchema,
  description: optionalText(2000),
  startsOn: isoDate,
  /** Empty: open-ended. */
  endsOn: isoDate.nullish(),
  /** The participating actors (at least two make a cooperation). */
  actorIds: z.array(z.uuid()).min(2).max(200),
  /** The actor leading the project; it must take part. */
  leadActorId: z.uuid().nullish(),
};
export const cooperationProjectInputSchema = z.object(cooperationProjectFields);
export type CooperationProjectInput = z.infer<typeof cooperationProjectInputSchema>;
export const cooperationProjectUpdateSchema = patchSchema(cooperationProjectInputSchema);
export type CooperationProjectUpdate = z.infer<typeof cooperationProjectUpdateSchema>;

export const cooperationProjectSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  topic: indicatorTopicSchema,
  description: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  /** Running today (started, not ended): only running projects count on the cooperation map. */
  running: z.boolean(),
  actors: z.array(z.object({ id: z.uuid(), name: z.string() })),
  lead: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type CooperationProject = z.infer<typeof cooperationProjectSchema>;

/* ---------- Bildungskonferenz: public registration, workshops, waitlist, feedback ---------- */

export const conferenceWorkshopInputSchema = z.object({
  title: text(200),
  capacity: z.number().int().min(1).max(10_000),
});
export const conferenceInputSchema = z
  .object({
    title: text(200),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Nur Kleinbuchstaben, Ziffern und Bindestriche')
      .max(80)
      .describe('Adresse der Anmeldeseite im Portal: /kommune/<kommune>/konferenz/<slug>'),
    description: optionalText(4000),
    startsAt: dateTime,
    endsAt: dateTime,
    place: optionalText(300),
    capacity: z.number().int().min(1).max(10_000).describe('Plätze insgesamt'),
    bodyId: z.uuid().nullish(),
    consentText: text(2000).describe('Einwilligungstext (DSGVO) über dem Kontrollkästchen der Anmeldung'),
    retentionDays: z.number().int().min(1).max(730).default(90),
    workshops: z.array(conferenceWorkshopInputSchema).max(30).default([]),
  })
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), {
    path: ['endsAt'],
    message: 'Das Ende muss nach dem Beginn liegen.',
  });
export const conferenceUpdateSchema = z.object({ registrationOpen: z.boolean() });

export const registrationStatusSchema = z.enum(['confirmed', 'waitlisted', 'cancelled']);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, { de: string; en: string }> = {
  confirmed: { de: 'angemeldet', en: 'registered' },
  waitlisted: { de: 'Warteliste', en: 'waiting list' },
  cancelled: { de: 'abgemeldet', en: 'cancelled' },
};

export const conferenceWorkshopSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  capacity: z.number().int(),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
});
export const conferenceSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  capacity: z.number().int(),
  bodyId: z.uuid().nullable(),
  registrationOpen: z.boolean(),
  consentText: z.string(),
  retentionDays: z.number().int(),
  /** The day the participant data are erased (end + retention days). */
  purgeOn: z.string(),
  purgedAt: z.string().nullable(),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  cancelled: z.number().int(),
  workshops: z.array(conferenceWorkshopSchema),
  feedback: z.object({
    count: z.number().int(),
    /** Mean grade 1–5 (1 = sehr gut) with one decimal, null without feedback. */
    meanRating: z.string().nullable(),
    comments: z.array(z.string()),
  }),
});
export type Conference = z.infer<typeof conferenceSchema>;

export const registrationSchema = z.object({
  id: z.uuid(),
  /** The registration number the person sees on the personal page (e.g. „A-1B2C3D4E“). */
  number: z.string(),
  name: z.string(),
  email: z.string(),
  organisation: z.string().nullable(),
  workshopId: z.uuid().nullable(),
  workshopTitle: z.string().nullable(),
  status: registrationStatusSchema,
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export type Registration = z.infer<typeof registrationSchema>;
