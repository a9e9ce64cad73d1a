import type { FixtureContext, ModuleIsolation } from '../../platform/tenancy/isolation';

const base = '/api/tenants/:tenantId/network';

/** One actor, body with a membership, open meeting with an agenda item, and enquiry of one tenant. */
async function fixtures(f: FixtureContext) {
  const foreign = f.label === 'foreign';
  const n = foreign
    ? {
        actor: 'Geheimer Fremdträger e. V.',
        body: 'Fremder Geheimkreis',
        meeting: 'Geheime Fremdsitzung',
        item: 'Geheimer Fremdpunkt',
        enquiry: 'Geheime Fremdanfrage',
      }
    : {
        actor: 'Eigener Testträger',
        body: 'Eigener Testkreis',
        meeting: 'Eigene Testsitzung',
        item: 'Eigener Testpunkt',
        enquiry: 'Eigene Testanfrage',
      };
  const one = async (sql: string, params: unknown[]) => (await f.query<{ id: string }>(sql, params))[0]!.id;
  const actor = await one(
    `INSERT INTO network_actors (tenant_id, name, scope, actor_type) VALUES ($1, $2, 'external', 'verein') RETURNING id`,
    [f.tenantId, n.actor],
  );
  const body = await one(
    `INSERT INTO network_bodies (tenant_id, name, body_type) VALUES ($1, $2, 'arbeitskreis') RETURNING id`,
    [f.tenantId, n.body],
  );
  const bodyMembership = await one(
    `INSERT INTO network_body_memberships (tenant_id, body_id, actor_id, function, valid_from)
     VALUES ($1, $2, $3, 'Mitglied', '2024-01-01') RETURNING id`,
    [f.tenantId, body, actor],
  );
  const meeting = await one(
    `INSERT INTO network_meetings (tenant_id, body_id, title, starts_at, ends_at)
     VALUES ($1, $2, $3, '2030-03-01T09:00:00Z', '2030-03-01T11:00:00Z') RETURNING id`,
    [f.tenantId, body, n.meeting],
  );
  const agendaItem = await one(
    `INSERT INTO network_agenda_items (tenant_id, meeting_id, position, title) VALUES ($1, $2, 1, $3) RETURNING id`,
    [f.tenantId, meeting, n.item],
  );
  const enquiry = await one(
    `INSERT INTO network_enquiries (tenant_id, title, question, requester_type, requester, topic, received_on)
     VALUES ($1, $2, 'Wie viele?', 'politik', 'Ausschuss', 'fruehkindliche_bildung', '2025-01-10') RETURNING id`,
    [f.tenantId, n.enquiry],
  );
  const answerTemplate = await one(
    `INSERT INTO network_answer_templates (tenant_id, title, text) VALUES ($1, $2, 'Sehr geehrte Damen und Herren') RETURNING id`,
    [f.tenantId, foreign ? 'Geheime Fremdvorlage' : 'Eigene Testvorlage'],
  );
  const enquiryAttachment = await one(
    `INSERT INTO network_enquiry_attachments (tenant_id, enquiry_id, name, mime, size)
     VALUES ($1, $2, $3, 'application/pdf', 9) RETURNING id`,
    [f.tenantId, enquiry, foreign ? 'geheime-fremdanlage.pdf' : 'eigene-anlage.pdf'],
  );
  await f.query(
    `INSERT INTO network_enquiry_attachment_parts (tenant_id, attachment_id, seq, content) VALUES ($1, $2, 0, $3)`,
    [f.tenantId, enquiryAttachment, Buffer.from('%PDF-1.4\n').toString('base64')],
  );
  const personName = foreign ? 'Frieda Fremdperson' : 'Erika Eigenperson';
  const person = await one(
    `INSERT INTO network_persons (tenant_id, actor_id, name, email, purpose, legal_basis, last_activity_on)
     VALUES ($1, $2, $3, $4, 'Einladungen', 'public_task', '2025-01-01') RETURNING id`,
    [f.tenantId, actor, personName, foreign ? 'frieda@fremd.example' : 'erika@eigen.example'],
  );
  const conference = await one(
    `INSERT INTO network_conferences (tenant_id, slug, title, starts_at, ends_at, capacity, consent_text)
     VALUES ($1, 'konferenz', $2, '2030-04-01T08:00:00Z', '2030-04-01T15:00:00Z', 10, 'Einwilligung') RETURNING id`,
    [f.tenantId, foreign ? 'Geheime Fremdkonferenz' : 'Eigene Testkonferenz'],
  );
  const registrantName = foreign ? 'Fritz Fremdgast' : 'Emil Eigengast';
  const registration = await one(
    `INSERT INTO network_registrations (tenant_id, conference_id, name, email, status, token_hash, consent_at)
     VALUES ($1, $2, $3, $4, 'confirmed', $5, now()) RETURNING id`,
    [
      f.tenantId,
      conference,
      registrantName,
      foreign ? 'fritz@fremd.example' : 'emil@eigen.example',
      `${f.label}-hash`,
    ],
  );
  const actor2 = await one(
    `INSERT INTO network_actors (tenant_id, name, scope, actor_type) VALUES ($1, $2, 'external', 'schule') RETURNING id`,
    [f.tenantId, foreign ? 'Geheime Fremdschule' : 'Eigene Testschule'],
  );
  const cooperationProject = await one(
    `INSERT INTO network_cooperation_projects (tenant_id, name, topic, starts_on, lead_actor_id)
     VALUES ($1, $2, 'weiterbildung', '2024-01-01', $3) RETURNING id`,
    [f.tenantId, foreign ? 'Geheimes Fremdprojekt' : 'Eigenes Testprojekt', actor],
  );
  await f.query(
    `INSERT INTO network_cooperation_project_actors (tenant_id, project_id, actor_id) VALUES ($1, $2, $3)`,
    [f.tenantId, cooperationProject, actor],
  );
  return {
    ids: {
      actor,
      actor2,
      cooperationProject,
      body,
      bodyMembership,
      meeting,
      agendaItem,
      enquiry,
      answerTemplate,
      enquiryAttachment,
      person,
      conference,
      registration,
    },
    secrets: [
      actor,
      actor2,
      cooperationProject,
      foreign ? 'Geheimes Fremdprojekt' : 'Eigenes Testprojekt',
      body,
      bodyMembership,
      meeting,
      agendaItem,
      enquiry,
      answerTemplate,
      enquiryAttachment,
      person,
      personName,
      conference,
      registration,
      registrantName,
      ...Object.values(n),
    ],
  };
}

export const isolation: ModuleIsolation = {
  cases: {
    [`GET ${base}/actors`]: {},
    [`POST ${base}/actors`]: {
      body: (ids, tag) => ({
        name: `Eindringling ${tag}`,
        scope: 'external',
        actorType: 'verein',
        areaIds: [ids.area],
        providerId: ids.provider,
      }),
    },
    [`GET ${base}/actors/:actorId`]: {},
    [`PATCH ${base}/actors/:actorId`]: {
      body: (ids, tag) => ({ name: `Gekapert ${tag}`, areaIds: [ids.area], providerId: ids.provider }),
    },
    [`GET ${base}/bodies`]: {},
    [`POST ${base}/bodies`]: {
      body: (ids, tag) => ({
        name: `Eindringling ${tag}`,
        bodyType: 'arbeitskreis',
        chairActorId: ids.actor,
      }),
    },
    [`GET ${base}/bodies/:bodyId`]: {},
    [`PATCH ${base}/bodies/:bodyId`]: { body: (ids) => ({ chairActorId: ids.actor }) },
    [`POST ${base}/bodies/:bodyId/memberships`]: {
      body: (ids) => ({ actorId: ids.actor, function: 'Mitglied', validFrom: '2025-01-01' }),
    },
    [`POST ${base}/bodies/:bodyId/memberships/:bodyMembershipId/end`]: {
      body: () => ({ validTo: '2025-06-30' }),
    },
    [`GET ${base}/meetings`]: {},
    [`POST ${base}/meetings`]: {
      body: (ids, tag) => ({
        bodyId: ids.body,
        title: `Eindringling ${tag}`,
        startsAt: '2030-05-01T09:00:00Z',
        endsAt: '2030-05-01T10:00:00Z',
      }),
    },
    [`GET ${base}/meetings/:meetingId`]: {},
    [`GET ${base}/meetings/:meetingId/ics`]: {},
    [`GET ${base}/meetings/:meetingId/invitation.pdf`]: {},
    [`GET ${base}/meetings/:meetingId/invitation.docx`]: {},
    [`GET ${base}/meetings/:meetingId/minutes.pdf`]: {},
    [`GET ${base}/meetings/:meetingId/minutes.docx`]: {},
    [`POST ${base}/meetings/:meetingId/agenda`]: {
      body: (ids, tag) => ({
        title: `Eindringling ${tag}`,
        indicatorId: ids.indicator,
        areaId: ids.area,
        goalId: ids.goal,
        recommendationId: ids.recommendation,
      }),
    },
    [`PATCH ${base}/meetings/:meetingId/agenda/:agendaItemId`]: {
      body: (_ids, tag) => ({ minutes: `Gekapert ${tag}` }),
    },
    [`POST ${base}/meetings/:meetingId/attendance`]: { body: (ids) => ({ presentActorIds: [ids.actor] }) },
    [`POST ${base}/meetings/:meetingId/decisions`]: {
      body: (ids, tag) => ({ agendaItemId: ids.agendaItem, text: `Eindringling ${tag}`, outcome: 'adopted' }),
    },
    [`POST ${base}/meetings/:meetingId/invite`]: {},
    [`POST ${base}/meetings/:meetingId/approve`]: {},
    [`GET ${base}/enquiries`]: {},
    [`GET ${base}/enquiries/stats`]: {},
    [`POST ${base}/enquiries`]: {
      body: (ids, tag) => ({
        title: `Eindringling ${tag}`,
        question: 'Frage',
        requesterType: 'presse',
        requester: 'Redaktion',
        topic: 'fruehkindliche_bildung',
        receivedOn: '2025-02-01',
        indicatorId: ids.indicator,
        reportId: ids.report,
      }),
    },
    [`GET ${base}/enquiries/:enquiryId`]: {},
    [`PATCH ${base}/enquiries/:enquiryId`]: {
      body: (ids, tag) => ({ answer: `Gekapert ${tag}`, reportId: ids.report }),
    },
    [`GET ${base}/enquiries/reminders`]: {},
    [`POST ${base}/enquiries/:enquiryId/attachments`]: {},
    [`GET ${base}/enquiries/:enquiryId/attachments/:enquiryAttachmentId`]: {},
    [`DELETE ${base}/enquiries/:enquiryId/attachments/:enquiryAttachmentId`]: {},
    [`GET ${base}/answer-templates`]: {},
    [`POST ${base}/answer-templates`]: {
      body: (_ids, tag) => ({ title: `Eindringling ${tag}`, text: 'Vorlagentext' }),
    },
    [`PUT ${base}/answer-templates/:answerTemplateId`]: {
      body: (_ids, tag) => ({ title: `Gekapert ${tag}`, text: 'Gekapert' }),
    },
    [`DELETE ${base}/answer-templates/:answerTemplateId`]: {},
    [`GET ${base}/persons`]: {},
    [`GET ${base}/cooperation`]: {},
    [`GET ${base}/cooperation.csv`]: {},
    [`GET ${base}/cooperation-projects`]: {},
    [`POST ${base}/cooperation-projects`]: {
      body: (ids, tag) => ({
        name: `Eindringling ${tag}`,
        topic: 'weiterbildung',
        startsOn: '2025-01-01',
        actorIds: [ids.actor, ids.actor2],
        leadActorId: ids.actor,
      }),
    },
    [`GET ${base}/cooperation-projects/:cooperationProjectId`]: {},
    [`PATCH ${base}/cooperation-projects/:cooperationProjectId`]: {
      body: (ids, tag) => ({ name: `Gekapert ${tag}`, actorIds: [ids.actor, ids.actor2] }),
    },
    [`POST ${base}/persons`]: {
      body: (ids, tag) => ({
        name: `Eindringling ${tag}`,
        actorId: ids.actor,
        purpose: 'Einladungen',
        legalBasis: 'public_task',
      }),
    },
    [`GET ${base}/persons/:personId/export`]: {},
    [`POST ${base}/persons/:personId/erase`]: {},
    [`GET ${base}/conferences`]: {},
    [`POST ${base}/conferences`]: {
      body: (ids, tag) => ({
        title: `Eindringling ${tag}`,
        slug: `eindringling-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.replace(/-+$/, ''),
        startsAt: '2030-05-01T08:00:00Z',
        endsAt: '2030-05-01T15:00:00Z',
        capacity: 10,
        bodyId: ids.body,
        consentText: 'Einwilligung',
        workshops: [{ title: 'Forum', capacity: 5 }],
      }),
    },
    [`GET ${base}/conferences/:conferenceId`]: {},
    [`PATCH ${base}/conferences/:conferenceId`]: { body: () => ({ registrationOpen: false }) },
    [`GET ${base}/conferences/:conferenceId/registrations`]: {},
    [`POST ${base}/conferences/:conferenceId/registrations/:registrationId/cancel`]: {},
    [`GET ${base}/conferences/:conferenceId/participants.csv`]: {},
    [`GET ${base}/conferences/:conferenceId/participants.xlsx`]: {},
  },
  fixtureKinds: [
    'actor',
    'actor2',
    'cooperationProject',
    'body',
    'bodyMembership',
    'meeting',
    'agendaItem',
    'enquiry',
    'answerTemplate',
    'enquiryAttachment',
    'person',
    'conference',
    'registration',
  ],
  fixtures,
};
