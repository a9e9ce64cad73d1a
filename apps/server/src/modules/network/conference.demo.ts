import { hashToken, newToken } from '../../platform/auth/tokens';
import type { TenantScope } from '../../platform/tenancy/scope';
import { insertConference, insertFeedback, insertRegistration, insertWorkshop } from './conferences.repo';

/* Demo Bildungskonferenzen of Musterstadt: an upcoming one with registrations and a waiting list, a past one with feedback. */

export const DEMO_CONFERENCE_SLUG = 'bildungskonferenz-2027';
export const DEMO_CONFERENCE = 'Bildungskonferenz Musterstadt: Übergänge gestalten';
/** The workshop that is full in the demo (its waiting list has two people). */
export const DEMO_FULL_WORKSHOP = 'Forum B: Übergang Schule–Beruf';

const CONSENT =
  'Die Stadt Musterstadt (Bildungsbüro) verarbeitet Ihren Namen, Ihre E-Mail-Adresse und Ihre Einrichtung, um die Bildungskonferenz zu organisieren (Teilnehmendenliste, Namensschilder, Informationen zur Veranstaltung). Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 a DSGVO), die Sie jederzeit über Ihren persönlichen Link widerrufen können. Die Daten werden 90 Tage nach der Konferenz gelöscht.';

const at = (offsetDays: number, hour: number, minute = 0) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  return new Date(
    `${d}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+01:00`,
  ).toISOString();
};

/** Fictional participants (no real persons). */
const PEOPLE: Array<[name: string, organisation: string, workshop: 0 | 1 | 2]> = [
  ['Anna Beispiel', 'Grundschule am Park', 0],
  ['Ben Muster', 'Kita-Verbund Evangelische Kirche', 0],
  ['Clara Probe', 'AWO Kreisverband', 0],
  ['David Test', 'Gesamtschule Nord', 1],
  ['Eva Demo', 'Agentur für Arbeit Musterstadt', 1],
  ['Fritz Fiktiv', 'Handwerkskammer', 1],
  ['Gül Exempel', 'Berufskolleg Musterstadt', 1],
  ['Hanna Platzhalter', 'Jobcenter Musterstadt', 1],
  ['Ivo Vorlage', 'Industrie- und Handelskammer', 1],
  ['Jana Entwurf', 'Stadtschülerrat', 1],
  ['Kemal Skizze', 'Volkshochschule Musterstadt', 2],
  ['Lena Modell', 'Stadtsportbund', 2],
];

export async function seedConferenceDemo(s: TenantScope, councilId: string): Promise<void> {
  const upcoming = await insertConference(s, {
    slug: DEMO_CONFERENCE_SLUG,
    title: DEMO_CONFERENCE,
    description:
      'Die 3. Bildungskonferenz bringt Schulen, Kitas, Träger, Kammern und Verwaltung zusammen: Wie gelingen die Übergänge von der Kita in die Schule und von der Schule in den Beruf? Mit Zahlen aus dem Bildungsmonitoring und drei Foren.',
    startsAt: at(40, 9),
    endsAt: at(40, 15, 30),
    place: 'Stadthalle Musterstadt, Am Markt 1',
    capacity: 120,
    bodyId: councilId,
    consentText: CONSENT,
    retentionDays: 90,
  });
  const workshops = [
    await insertWorkshop(s, {
      conferenceId: upcoming,
      position: 1,
      title: 'Forum A: Von der Kita in die Schule',
      capacity: 40,
    }),
    await insertWorkshop(s, { conferenceId: upcoming, position: 2, title: DEMO_FULL_WORKSHOP, capacity: 5 }),
    await insertWorkshop(s, {
      conferenceId: upcoming,
      position: 3,
      title: 'Forum C: Bildung im Quartier',
      capacity: 40,
    }),
  ];
  const perWorkshop = [0, 0, 0];
  for (const [i, [name, organisation, w]] of PEOPLE.entries()) {
    perWorkshop[w]! += 1;
    const full = w === 1 && perWorkshop[w]! > 5;
    await insertRegistration(s, {
      conferenceId: upcoming,
      workshopId: workshops[w]!,
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@beispiel.example`,
      organisation,
      status: i === 11 ? 'cancelled' : full ? 'waitlisted' : 'confirmed',
      cancelledAt: i === 11 ? at(-2, 10) : null,
      tokenHash: hashToken(newToken()),
      consentAt: at(-10 + i * 0.5, 10),
      createdAt: at(-10 + i * 0.5, 10),
    });
  }

  const past = await insertConference(s, {
    slug: 'bildungskonferenz-2026',
    title: 'Bildungskonferenz Musterstadt: Bildung vor Ort',
    description: 'Die 2. Bildungskonferenz stellte den Bildungsbericht vor.',
    startsAt: at(-30, 9),
    endsAt: at(-30, 15),
    place: 'Volkshochschule Musterstadt',
    capacity: 80,
    bodyId: councilId,
    consentText: CONSENT,
    registrationOpen: false,
    retentionDays: 90,
  });
  for (const [rating, comment] of [
    [1, 'Sehr gute Mischung aus Zahlen und Austausch.'],
    [2, 'Mehr Zeit für die Foren wäre gut.'],
    [2, null],
  ] as const) {
    await insertFeedback(s, { conferenceId: past, rating, comment });
  }
}
