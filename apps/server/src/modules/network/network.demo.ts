import type { Tx } from '../../platform/db/client';
import type { DemoTenants } from '../../platform/modules/module';
import { tenantScope, type TenantScope } from '../../platform/tenancy/scope';
import { findIndicatorByCode } from '../monitoring/catalog.service';
import { listAreas } from '../monitoring/areas.service';
import { DEMO_RATE_INDICATOR } from '../monitoring/demo.constants';
import { insertActor, insertBody, insertMembership } from './actors.repo';
import { insertEnquiry } from './enquiries.repo';
import { insertTemplate } from './enquiryFiles.repo';
import { insertPerson } from './persons.repo';
import { insertProject, replaceProjectActors } from './projects.repo';
import { insertAgendaItem, insertDecision, insertMeeting, replaceAttendance } from './meetings.repo';
import { approveMinutes } from './meetings.service';
import { seedConferenceDemo } from './conference.demo';

/* Demo data of Musterstadt: actors, three bodies, a past and an upcoming meeting, eight enquiries. */

export const DEMO_STEERING_BODY = 'Steuerungsgruppe Bildung';
export const DEMO_UPCOMING_MEETING = '2. Sitzung der Steuerungsgruppe';

const ACTORS: Array<[name: string, scope: 'internal' | 'external', type: string, topics: string[]]> = [
  ['Bildungsbüro Musterstadt', 'internal', 'amt', ['grundinformationen']],
  ['Amt für Schule und Bildung', 'internal', 'amt', ['allgemeinbildende_schulen']],
  ['Jugendamt', 'internal', 'amt', ['fruehkindliche_bildung', 'non_formale_lernwelten']],
  ['Sozialamt', 'internal', 'amt', ['grundinformationen']],
  ['Amt für Stadtentwicklung und Statistik', 'internal', 'amt', ['grundinformationen']],
  ['Integrationsbüro', 'internal', 'amt', ['grundinformationen']],
  ['Grundschule am Park', 'external', 'schule', ['allgemeinbildende_schulen']],
  ['Gesamtschule Nord', 'external', 'schule', ['allgemeinbildende_schulen']],
  ['Gymnasium am Markt', 'external', 'schule', ['allgemeinbildende_schulen']],
  ['Berufskolleg Musterstadt', 'external', 'schule', ['berufliche_bildung']],
  ['Förderschule Süd', 'external', 'schule', ['allgemeinbildende_schulen']],
  ['Kita-Verbund Evangelische Kirche', 'external', 'kita_traeger', ['fruehkindliche_bildung']],
  ['Kindertagesstätten der Stadt (Eigenbetrieb)', 'external', 'kita_traeger', ['fruehkindliche_bildung']],
  ['AWO Kreisverband', 'external', 'kita_traeger', ['fruehkindliche_bildung', 'non_formale_lernwelten']],
  ['Volkshochschule Musterstadt', 'external', 'vhs', ['weiterbildung']],
  ['Fachhochschule Musterstadt', 'external', 'hochschule', ['hochschulen']],
  ['Industrie- und Handelskammer', 'external', 'kammer', ['berufliche_bildung']],
  ['Handwerkskammer', 'external', 'kammer', ['berufliche_bildung']],
  ['Agentur für Arbeit Musterstadt', 'external', 'arbeitsagentur', ['berufliche_bildung']],
  ['Jobcenter Musterstadt', 'external', 'jobcenter', ['berufliche_bildung', 'weiterbildung']],
  ['Bürgerstiftung Musterstadt', 'external', 'stiftung', ['non_formale_lernwelten']],
  ['Stadtsportbund', 'external', 'verein', ['non_formale_lernwelten']],
  ['Musikschule Musterstadt e. V.', 'external', 'verein', ['non_formale_lernwelten']],
  ['Stadtelternrat', 'external', 'elternvertretung', ['allgemeinbildende_schulen']],
  ['Stadtschülerrat', 'external', 'schuelervertretung', ['allgemeinbildende_schulen']],
];

/**
 * Areas the demo actors work in: `city` is the whole municipality, a code names a Stadtbezirk of the
 * generated Musterstadt (codes 01–12). Deterministic, so tests and the e2e journey can name them.
 */
export const DEMO_ACTOR_AREAS: Record<string, Array<'city' | string>> = {
  'Bildungsbüro Musterstadt': ['city'],
  'Amt für Schule und Bildung': ['city'],
  Jugendamt: ['city'],
  Sozialamt: ['city'],
  'Amt für Stadtentwicklung und Statistik': ['city'],
  Integrationsbüro: ['city'],
  'Grundschule am Park': ['01'],
  'Gesamtschule Nord': ['02'],
  'Gymnasium am Markt': ['03'],
  'Berufskolleg Musterstadt': ['03'],
  'Förderschule Süd': ['04'],
  'Kita-Verbund Evangelische Kirche': ['01', '02'],
  'Kindertagesstätten der Stadt (Eigenbetrieb)': ['city'],
  'AWO Kreisverband': ['02', '04'],
  'Volkshochschule Musterstadt': ['city'],
  'Fachhochschule Musterstadt': ['city'],
  'Industrie- und Handelskammer': ['city'],
  Handwerkskammer: ['city'],
  'Agentur für Arbeit Musterstadt': ['city'],
  'Jobcenter Musterstadt': ['city'],
  'Bürgerstiftung Musterstadt': ['city'],
  Stadtsportbund: ['city'],
  'Musikschule Musterstadt e. V.': ['05'],
  Stadtelternrat: ['city'],
  Stadtschülerrat: ['city'],
};

/** Kooperationsprojekte of the demo: two running, one ended (it no longer counts on the map). */
export const DEMO_PROJECTS: Array<{
  name: string;
  topic: string;
  description: string;
  startsOn: string;
  endsOn: string | null;
  lead: string;
  actors: string[];
}> = [
  {
    name: 'Sprachförderung in Kitas',
    topic: 'fruehkindliche_bildung',
    description: 'Alltagsintegrierte Sprachbildung und gemeinsame Fortbildungen der Kita-Träger.',
    startsOn: '2024-08-01',
    endsOn: null,
    lead: 'Jugendamt',
    actors: [
      'Jugendamt',
      'Kita-Verbund Evangelische Kirche',
      'AWO Kreisverband',
      'Kindertagesstätten der Stadt (Eigenbetrieb)',
      'Grundschule am Park',
    ],
  },
  {
    name: 'Kein Abschluss ohne Anschluss',
    topic: 'berufliche_bildung',
    description: 'Berufsorientierung ab Klasse 8 mit Potenzialanalyse und Praxistagen.',
    startsOn: '2023-09-01',
    endsOn: '2099-07-31',
    lead: 'Agentur für Arbeit Musterstadt',
    actors: [
      'Agentur für Arbeit Musterstadt',
      'Gesamtschule Nord',
      'Förderschule Süd',
      'Industrie- und Handelskammer',
      'Handwerkskammer',
    ],
  },
  {
    name: 'Musik für alle Grundschulkinder',
    topic: 'non_formale_lernwelten',
    description: 'Instrumentalunterricht in der Grundschule, gefördert von der Bürgerstiftung.',
    startsOn: '2021-01-01',
    endsOn: '2023-12-31',
    lead: 'Musikschule Musterstadt e. V.',
    actors: ['Musikschule Musterstadt e. V.', 'Grundschule am Park', 'Bürgerstiftung Musterstadt'],
  },
];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const at = (offset: number, hour: number) =>
  new Date(`${day(offset)}T${String(hour).padStart(2, '0')}:00:00+01:00`).toISOString();

async function demoIndicatorAndArea(s: TenantScope) {
  const ind = await findIndicatorByCode(s, DEMO_RATE_INDICATOR);
  const top = (await listAreas(s, {})).find((a) => !a.parentId);
  return ind && top ? { indicatorId: ind.id, areaId: top.id } : null;
}

export async function seedNetworkDemo(tx: Tx, tenants: DemoTenants): Promise<void> {
  const s = tenantScope(tx, tenants.musterstadt);
  const ids = new Map<string, string>();
  const areaList = await listAreas(s, {});
  const areaOf = (code: string) =>
    code === 'city'
      ? areaList.find((a) => a.level === 'gemeinde')?.id
      : areaList.find((a) => a.level === 'stadtbezirk' && a.code === code)?.id;
  for (const [name, scope, actorType, topics] of ACTORS) {
    const areaIds = (DEMO_ACTOR_AREAS[name] ?? []).flatMap((c) => areaOf(c) ?? []);
    ids.set(name, await insertActor(s, { name, scope, actorType, topics, areaIds }));
  }
  const id = (name: string) => ids.get(name)!;

  const steering = await insertBody(s, {
    name: DEMO_STEERING_BODY,
    bodyType: 'steuerungsgruppe',
    mandate:
      'Steuert das datenbasierte kommunale Bildungsmanagement: beschließt Ziele und Maßnahmen auf Grundlage des Bildungsberichts.',
    chairActorId: id('Amt für Schule und Bildung'),
  });
  const council = await insertBody(s, {
    name: 'Bildungsbeirat Musterstadt',
    bodyType: 'bildungsbeirat',
    mandate: 'Berät Rat und Verwaltung in Bildungsfragen; bringt die Sicht der Bildungspartner ein.',
    chairActorId: id('Bürgerstiftung Musterstadt'),
  });
  const transition = await insertBody(s, {
    name: 'Arbeitskreis Übergang Schule–Beruf',
    bodyType: 'arbeitskreis',
    mandate: 'Stimmt die Angebote zur Berufsorientierung und zum Übergang in Ausbildung ab.',
    chairActorId: id('Agentur für Arbeit Musterstadt'),
  });
  const members: Array<[string, string, string, string | null]> = [
    [steering, 'Amt für Schule und Bildung', 'Vorsitz', null],
    [steering, 'Jugendamt', 'Mitglied', null],
    [steering, 'Sozialamt', 'Mitglied', null],
    [steering, 'Bildungsbüro Musterstadt', 'Geschäftsführung', null],
    [steering, 'Amt für Stadtentwicklung und Statistik', 'beratend', day(-200)],
    [council, 'Bürgerstiftung Musterstadt', 'Vorsitz', null],
    [council, 'Volkshochschule Musterstadt', 'Mitglied', null],
    [council, 'Stadtelternrat', 'Mitglied', null],
    [council, 'Stadtschülerrat', 'Mitglied', null],
    [council, 'Kita-Verbund Evangelische Kirche', 'Mitglied', null],
    [council, 'Fachhochschule Musterstadt', 'Mitglied', null],
    [transition, 'Agentur für Arbeit Musterstadt', 'Vorsitz', null],
    [transition, 'Jobcenter Musterstadt', 'Mitglied', null],
    [transition, 'Industrie- und Handelskammer', 'Mitglied', null],
    [transition, 'Handwerkskammer', 'Mitglied', null],
    [transition, 'Berufskolleg Musterstadt', 'Mitglied', null],
    [transition, 'Gesamtschule Nord', 'Mitglied', null],
  ];
  for (const [bodyId, actor, fn, validTo] of members) {
    await insertMembership(s, { bodyId, actorId: id(actor), function: fn, validFrom: '2023-01-01', validTo });
  }

  for (const p of DEMO_PROJECTS) {
    const projectId = await insertProject(s, {
      name: p.name,
      topic: p.topic,
      description: p.description,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      leadActorId: id(p.lead),
    });
    await replaceProjectActors(s, projectId, p.actors.map(id));
  }

  const embed = await demoIndicatorAndArea(s);
  // A past meeting with minutes, a decision on the report's recommendation, approved (data frozen).
  const past = await insertMeeting(s, {
    bodyId: steering,
    title: '1. Sitzung der Steuerungsgruppe',
    startsAt: at(-60, 9),
    endsAt: at(-60, 11),
    place: 'Rathaus, Sitzungsraum 2',
    invitedAt: at(-75, 10),
  });
  await insertAgendaItem(s, {
    meetingId: past,
    position: 1,
    title: 'Bildungsbericht: Stand der frühen Bildung',
    description: 'Das Bildungsbüro stellt die Betreuungsquote der unter Dreijährigen vor.',
    minutes: 'Die Quote liegt unter dem Landesdurchschnitt; der Ausbau wird vorrangig behandelt.',
    ...embed,
  });
  const recommendationItem = await insertAgendaItem(s, {
    meetingId: past,
    position: 2,
    title: 'Handlungsempfehlung 3: Ausbau der U3-Betreuung in den Stadtbezirken',
    minutes: 'Die Steuerungsgruppe folgt der Empfehlung des Bildungsberichts.',
  });
  await insertDecision(s, {
    meetingId: past,
    agendaItemId: recommendationItem,
    text: 'Die Empfehlung wird angenommen; das Jugendamt legt bis zum Jahresende einen Ausbauplan vor.',
    outcome: 'adopted',
  });
  await replaceAttendance(s, past, [
    id('Amt für Schule und Bildung'),
    id('Jugendamt'),
    id('Bildungsbüro Musterstadt'),
  ]);
  await approveMinutes(s, past);

  // The upcoming meeting with live data on its agenda.
  const upcoming = await insertMeeting(s, {
    bodyId: steering,
    title: DEMO_UPCOMING_MEETING,
    startsAt: at(21, 14),
    endsAt: at(21, 16),
    place: 'Rathaus, Sitzungsraum 2',
    onlineLink: 'https://video.musterstadt.example/steuerungsgruppe',
  });
  await insertAgendaItem(s, {
    meetingId: upcoming,
    position: 1,
    title: 'Entwicklung der Betreuungsquote U3',
    description: 'Aktuelle Werte aus dem Monitoring.',
    ...embed,
  });
  await insertAgendaItem(s, {
    meetingId: upcoming,
    position: 2,
    title: 'Ausbauplan des Jugendamts',
  });
  await insertMeeting(s, {
    bodyId: council,
    title: 'Frühjahrssitzung des Bildungsbeirats',
    startsAt: at(35, 17),
    endsAt: at(35, 19),
    place: 'Volkshochschule, Saal 1',
  });

  // Contacts with minimal data (fictional); one without activity for four years is due for review.
  const persons: Array<[string, string, string, string | null, number]> = [
    ['Dr. Jana Beispiel', 'Leitung', 'Amt für Schule und Bildung', 'j.beispiel@musterstadt.example', 0],
    ['Tom Muster', 'Geschäftsführung', 'Bildungsbüro Musterstadt', 't.muster@musterstadt.example', 0],
    ['Aylin Demir', 'Fachbereichsleitung', 'Volkshochschule Musterstadt', null, -200],
    ['Peter Probe', 'Vorsitz', 'Stadtelternrat', 'vorsitz@stadtelternrat.example', -1500],
  ];
  for (const [name, fn, actor, email, activity] of persons) {
    const external = ACTORS.find((a) => a[0] === actor)?.[1] === 'external';
    await insertPerson(s, {
      name,
      function: fn,
      actorId: id(actor),
      email,
      purpose: 'Einladungen und Protokolle der Gremien',
      legalBasis: external ? 'consent' : 'public_task',
      consentOn: external ? day(activity - 10) : null,
      lastActivityOn: day(activity),
    });
  }

  const enquiries: Array<{
    title: string;
    requesterType: string;
    requester: string;
    topic: string;
    received: number;
    due: number | null;
    status: 'received' | 'in_progress' | 'answered';
    answered?: number;
    assignee?: string;
    linked?: boolean;
  }> = [
    {
      title: 'Ratsanfrage: Kita-Plätze im Stadtbezirk Nord',
      requesterType: 'politik',
      requester: 'Fraktion im Rat',
      topic: 'fruehkindliche_bildung',
      received: -40,
      due: -26,
      status: 'answered',
      answered: -28,
      assignee: 'Bildungsbüro',
      linked: true,
    },
    {
      title: 'Schulabgänger ohne Abschluss 2024',
      requesterType: 'politik',
      requester: 'Schulausschuss',
      topic: 'allgemeinbildende_schulen',
      received: -30,
      due: -10,
      status: 'answered',
      answered: -5,
      assignee: 'Bildungsbüro',
    },
    {
      title: 'Presseanfrage: Ganztagsplätze an Grundschulen',
      requesterType: 'presse',
      requester: 'Musterstädter Zeitung, Lokalredaktion',
      topic: 'allgemeinbildende_schulen',
      received: -12,
      due: -2,
      status: 'in_progress',
      assignee: 'Bildungsbüro',
    },
    {
      title: 'Daten für den Sozialbericht',
      requesterType: 'verwaltung',
      requester: 'Sozialamt',
      topic: 'grundinformationen',
      received: -8,
      due: 14,
      status: 'in_progress',
      assignee: 'Statistikstelle',
    },
    {
      title: 'Weiterbildungsbeteiligung Älterer',
      requesterType: 'verwaltung',
      requester: 'Volkshochschule',
      topic: 'weiterbildung',
      received: -20,
      due: -6,
      status: 'answered',
      answered: -7,
      assignee: 'Bildungsbüro',
    },
    {
      title: 'Bürgeranfrage: Wartelisten in Kitas',
      requesterType: 'oeffentlichkeit',
      requester: 'Einwohnerfragestunde',
      topic: 'fruehkindliche_bildung',
      received: -3,
      due: 25,
      status: 'received',
      linked: true,
    },
    {
      title: 'Ausbildungsmarkt: unversorgte Bewerberinnen und Bewerber',
      requesterType: 'politik',
      requester: 'Ausschuss für Wirtschaft',
      topic: 'berufliche_bildung',
      received: -1,
      due: 20,
      status: 'received',
    },
    {
      title: 'Interview zum Bildungsbericht',
      requesterType: 'presse',
      requester: 'Lokalradio',
      topic: 'grundinformationen',
      received: -50,
      due: null,
      status: 'answered',
      answered: -45,
      assignee: 'Bildungsbüro',
    },
  ];
  for (const e of enquiries) {
    await insertEnquiry(s, {
      title: e.title,
      question: `${e.title}: Bitte um Zahlen und eine kurze Einordnung.`,
      requesterType: e.requesterType,
      requester: e.requester,
      topic: e.topic,
      receivedOn: day(e.received),
      dueOn: e.due === null ? null : day(e.due),
      status: e.status,
      assignee: e.assignee ?? null,
      answer:
        e.status === 'answered'
          ? 'Die Zahlen sind beigefügt; Einordnung siehe Bildungsbericht, Kapitel C.'
          : null,
      answeredOn: e.answered !== undefined ? day(e.answered) : null,
      indicatorId: e.linked && embed ? embed.indicatorId : null,
    });
  }
  for (const t of DEMO_ANSWER_TEMPLATES) await insertTemplate(s, t);
  await seedConferenceDemo(s, council);
}

/** Answer templates of the demo enquiry log. */
export const DEMO_ANSWER_TEMPLATES = [
  {
    title: 'Eingangsbestätigung',
    text: 'Vielen Dank für Ihre Anfrage. Das Bildungsbüro hat sie erhalten und beantwortet sie fristgerecht.',
  },
  {
    title: 'Antwort mit Verweis auf den Bildungsbericht',
    text: 'Die erbetenen Zahlen finden Sie in der Anlage. Eine Einordnung enthält der aktuelle Bildungsbericht; für Rückfragen steht das Bildungsbüro gern zur Verfügung.',
  },
];
