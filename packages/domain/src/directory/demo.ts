import type { OfferingInput, VenueInput } from '@dkbm/contract';
import { offeringInputSchema, venueInputSchema } from '@dkbm/contract';
import type { DemoMunicipality } from '../demo/types';
import { areaOfPoint } from './areaOfPoint';

/*
 * Demo entries of the Bildungswegweiser for the generated municipality: places in every district and
 * offers along the life course, deterministic (no randomness), each located inside its district.
 */

export type DemoDirectoryEntry =
  { kind: 'ort'; input: VenueInput } | { kind: 'angebot'; input: OfferingInput };

const STREETS = ['Lindenstraße', 'Schulweg', 'Am Markt', 'Gartenstraße', 'Bahnhofstraße', 'Ahornallee'];
const KITA_NAMES = ['Sonnenblume', 'Regenbogen', 'Pusteblume', 'Wichtelhaus', 'Kleine Strolche', 'Löwenzahn'];

type Pt = { lon: number; lat: number };

/** A point inside the district near its centroid (the centroid itself when the offsets leave the district). */
function pointIn(city: DemoMunicipality, code: string, k: number): Pt {
  const d = city.districts.find((x) => x.code === code)!;
  const shapes = [{ id: d.code, geometry: d.geometry, bbox: null }];
  const angle = (k * 2.399963) % (2 * Math.PI);
  for (const r of [0.004, 0.002, 0.001]) {
    const p = {
      lon: Math.round((d.centroid[0] + r * Math.cos(angle)) * 1e6) / 1e6,
      lat: Math.round((d.centroid[1] + r * 0.6 * Math.sin(angle)) * 1e6) / 1e6,
    };
    if (areaOfPoint(p, shapes)) return p;
  }
  return { lon: d.centroid[0], lat: d.centroid[1] };
}

export function generateDemoDirectory(city: DemoMunicipality): DemoDirectoryEntry[] {
  const out: DemoDirectoryEntry[] = [];
  let n = 0;
  const address = (code: string) => {
    n++;
    return {
      street: `${STREETS[n % STREETS.length]} ${(n % 47) + 1}`,
      postcode: `391${code}`,
      city: city.name,
    };
  };
  const place = (code: string, v: Partial<VenueInput> & Pick<VenueInput, 'name' | 'type' | 'categories'>) =>
    out.push({
      kind: 'ort',
      input: venueInputSchema.parse({ ...v, address: address(code), location: pointIn(city, code, n) }),
    });
  const offer = (
    code: string,
    v: Partial<OfferingInput> & Pick<OfferingInput, 'title' | 'type' | 'categories' | 'cost'>,
  ) =>
    out.push({
      kind: 'angebot',
      input: offeringInputSchema.parse({ ...v, address: address(code), location: pointIn(city, code, n) }),
    });

  city.districts.forEach((d, i) => {
    place(d.code, {
      name: `Kita ${KITA_NAMES[i % KITA_NAMES.length]} ${d.name}`,
      type: 'kita',
      categories: ['fruehe_bildung'],
      description: 'Kindertageseinrichtung mit Krippe und Elementarbereich, Sprachförderung im Alltag.',
      targetGroups: ['kinder', 'eltern_familien'],
      ageFrom: 0,
      ageTo: 6,
      capacity: 60 + ((i * 17) % 90),
      accessibility: i % 2 === 0 ? ['barrierefrei'] : [],
      openingHours: ['mo', 'di', 'mi', 'do', 'fr'].map((day) => ({
        day,
        opens: '07:00',
        closes: '17:00',
      })) as never,
      provider: i % 3 === 0 ? 'Stadt ' + city.name : 'Kinderwelt gGmbH',
    });
    place(d.code, {
      name: `Grundschule ${d.name}`,
      type: 'schule',
      categories: ['schule'],
      description: 'Offene Ganztagsgrundschule mit Hort und Schulbibliothek.',
      targetGroups: ['kinder'],
      ageFrom: 6,
      ageTo: 10,
      accessibility: i % 3 === 0 ? ['barrierefrei'] : [],
      provider: 'Stadt ' + city.name,
    });
    const third = i % 4;
    if (third === 0)
      place(d.code, {
        name: `Stadtteilbibliothek ${d.name}`,
        type: 'bibliothek',
        categories: ['non_formale_bildung', 'weiterbildung'],
        description: 'Medien, Lernplätze, Vorlesestunden und Leseclubs für alle Altersgruppen.',
        targetGroups: ['kinder', 'jugendliche', 'erwachsene'],
        accessibility: ['barrierefrei', 'leichte_sprache'],
        languages: ['de', 'en', 'tr', 'ar'],
      });
    else if (third === 1)
      place(d.code, {
        name: `Jugendzentrum ${d.name}`,
        type: 'jugendzentrum',
        categories: ['non_formale_bildung'],
        description: 'Offene Kinder- und Jugendarbeit, Hausaufgabenhilfe, Medienwerkstatt.',
        targetGroups: ['jugendliche'],
        ageFrom: 10,
        ageTo: 21,
      });
    else if (third === 2)
      place(d.code, {
        name: `Familienzentrum ${d.name}`,
        type: 'familienzentrum',
        categories: ['fruehe_bildung', 'non_formale_bildung'],
        description: 'Eltern-Kind-Gruppen, Familienbildung und Beratung rund um die frühe Kindheit.',
        targetGroups: ['eltern_familien', 'kinder'],
        languages: ['de', 'ar', 'uk'],
      });
    else
      place(d.code, {
        name: `Weiterführende Schule ${d.name}`,
        type: 'schule',
        categories: ['schule', 'uebergang_schule_beruf'],
        description:
          'Integrierte Sekundarschule mit gymnasialer Oberstufe und Berufsorientierung ab Klasse 7.',
        targetGroups: ['jugendliche'],
        ageFrom: 10,
        ageTo: 19,
      });
  });

  const c = (k: number) => city.districts[k % city.districts.length]!.code;
  place(c(0), {
    name: `Volkshochschule ${city.name}`,
    type: 'vhs',
    categories: ['weiterbildung'],
    description: 'Sprachen, berufliche Bildung, Gesundheit, Kultur und Grundbildung für Erwachsene.',
    targetGroups: ['erwachsene', 'zugewanderte', 'seniorinnen_senioren'],
    accessibility: ['barrierefrei', 'leichte_sprache'],
    languages: ['de', 'en'],
  });
  place(c(0), {
    name: `Stadtbibliothek ${city.name}`,
    type: 'bibliothek',
    categories: ['non_formale_bildung', 'weiterbildung'],
    description: 'Zentralbibliothek mit Lernzentrum, Makerspace und digitaler Sprechstunde.',
    accessibility: ['barrierefrei', 'induktionsschleife'],
  });
  place(c(1), {
    name: `Musikschule ${city.name}`,
    type: 'musikschule',
    categories: ['non_formale_bildung'],
    description: 'Instrumental- und Gesangsunterricht, Ensembles, musikalische Früherziehung.',
    targetGroups: ['kinder', 'jugendliche', 'erwachsene'],
  });
  place(c(2), {
    name: 'Jugendberufsagentur',
    type: 'beratungsstelle',
    categories: ['uebergang_schule_beruf'],
    description:
      'Beratung zu Ausbildung, Studium und Arbeit unter einem Dach für junge Menschen bis 25 Jahre.',
    targetGroups: ['jugendliche', 'junge_erwachsene'],
    ageFrom: 15,
    ageTo: 25,
    languages: ['de', 'en', 'ar', 'tr'],
  });
  place(c(3), {
    name: 'Berufsbildende Schulen I',
    type: 'berufsschule',
    categories: ['ausbildung_studium', 'uebergang_schule_beruf'],
    description: 'Berufsschule, Berufsfachschule und Fachoberschule für Technik und Wirtschaft.',
    targetGroups: ['jugendliche', 'junge_erwachsene'],
  });
  place(c(4), {
    name: `Hochschule ${city.name}`,
    type: 'hochschule',
    categories: ['ausbildung_studium', 'weiterbildung'],
    description:
      'Fachhochschule mit Studiengängen in Sozialer Arbeit, Technik und Wirtschaft; Studienberatung.',
    targetGroups: ['junge_erwachsene', 'erwachsene'],
  });
  place(c(5), {
    name: 'Bildungsberatung im Rathaus',
    type: 'beratungsstelle',
    categories: ['weiterbildung', 'uebergang_schule_beruf'],
    description:
      'Kostenlose, trägerneutrale Beratung zu Bildungswegen, Anerkennung von Abschlüssen und Förderung.',
    targetGroups: ['erwachsene', 'zugewanderte'],
    accessibility: ['barrierefrei', 'leichte_sprache'],
    languages: ['de', 'en', 'ar', 'uk', 'ru'],
  });

  const year = 2027;
  const offers: Array<Parameters<typeof offer>[1]> = [
    {
      title: 'Deutschsprachkurs A1 am Vormittag',
      type: 'kurs',
      categories: ['weiterbildung'],
      cost: 'ermaessigt',
      price: '120.00',
      targetGroups: ['zugewanderte', 'erwachsene'],
      languages: ['de'],
      description: 'Integrationskurs mit Kinderbetreuung, 20 Wochen.',
    },
    {
      title: 'Sprachkurse Englisch für Einsteiger',
      type: 'kurs',
      categories: ['weiterbildung'],
      cost: 'kostenpflichtig',
      price: '89.00',
      targetGroups: ['erwachsene'],
      languages: ['en'],
      description: 'Englisch A1 in kleinen Gruppen, abends.',
    },
    {
      title: 'Bewerbungstraining für Jugendliche',
      type: 'kurs',
      categories: ['uebergang_schule_beruf'],
      cost: 'kostenlos',
      targetGroups: ['jugendliche'],
      ageFrom: 14,
      ageTo: 20,
      description: 'Lebenslauf, Anschreiben und Vorstellungsgespräch üben.',
    },
    {
      title: 'Ausbildungsmesse',
      type: 'veranstaltung',
      categories: ['uebergang_schule_beruf', 'ausbildung_studium'],
      cost: 'kostenlos',
      targetGroups: ['jugendliche', 'eltern_familien'],
      dates: [{ start: `${year}-03-13T10:00`, end: `${year}-03-13T16:00` }],
      description: 'Über 60 Betriebe stellen Ausbildungsplätze vor.',
    },
    {
      title: 'Hausaufgabenhilfe',
      type: 'programm',
      categories: ['schule', 'non_formale_bildung'],
      cost: 'kostenlos',
      targetGroups: ['kinder', 'jugendliche'],
      ageFrom: 8,
      ageTo: 16,
      description: 'Ehrenamtliche helfen montags bis donnerstags bei den Hausaufgaben.',
    },
    {
      title: 'Eltern-Kind-Gruppe „Spielen und Sprechen“',
      type: 'programm',
      categories: ['fruehe_bildung'],
      cost: 'kostenlos',
      targetGroups: ['eltern_familien', 'kinder'],
      ageFrom: 0,
      ageTo: 3,
      languages: ['de', 'ar'],
      description: 'Wöchentliches Treffen für Eltern mit Kleinkindern.',
    },
    {
      title: 'Computerkurs für Seniorinnen und Senioren',
      type: 'kurs',
      categories: ['weiterbildung'],
      cost: 'ermaessigt',
      price: '25.00',
      targetGroups: ['seniorinnen_senioren'],
      accessibility: ['barrierefrei'],
      description: 'Smartphone, Tablet und Online-Termine sicher nutzen.',
    },
    {
      title: 'Studienorientierung: Tag der offenen Tür',
      type: 'veranstaltung',
      categories: ['ausbildung_studium'],
      cost: 'kostenlos',
      targetGroups: ['jugendliche', 'junge_erwachsene'],
      dates: [{ start: `${year}-05-08T09:00`, end: `${year}-05-08T15:00` }],
      description: 'Schnuppervorlesungen und Beratung zu allen Studiengängen.',
    },
    {
      title: 'Leseclub für Grundschulkinder',
      type: 'programm',
      categories: ['non_formale_bildung', 'schule'],
      cost: 'kostenlos',
      targetGroups: ['kinder'],
      ageFrom: 6,
      ageTo: 10,
      description: 'Lesen, Vorlesen und Geschichten erfinden in der Bibliothek.',
    },
    {
      title: 'Alphabetisierung und Grundbildung',
      type: 'kurs',
      categories: ['weiterbildung'],
      cost: 'kostenlos',
      targetGroups: ['erwachsene'],
      accessibility: ['leichte_sprache'],
      description: 'Lesen und Schreiben lernen in kleinen Gruppen, vertraulich.',
    },
    {
      title: 'Berufsorientierung mit Praktikum',
      type: 'programm',
      categories: ['uebergang_schule_beruf'],
      cost: 'kostenlos',
      targetGroups: ['jugendliche'],
      ageFrom: 14,
      ageTo: 18,
      description: 'Praktika in Betrieben vermitteln und begleiten.',
    },
    {
      title: 'Anerkennungsberatung für ausländische Abschlüsse',
      type: 'beratung',
      categories: ['weiterbildung', 'ausbildung_studium'],
      cost: 'kostenlos',
      targetGroups: ['zugewanderte'],
      languages: ['de', 'en', 'ar', 'uk'],
      description: 'Welche Stelle ist zuständig, welche Unterlagen brauche ich?',
    },
    {
      title: 'Musikalische Früherziehung',
      type: 'kurs',
      categories: ['fruehe_bildung', 'non_formale_bildung'],
      cost: 'kostenpflichtig',
      price: '32.00',
      targetGroups: ['kinder'],
      ageFrom: 4,
      ageTo: 6,
      description: 'Singen, Bewegen und erste Instrumente, monatlicher Beitrag.',
    },
    {
      title: 'Elternabend Übergang Kita–Grundschule',
      type: 'veranstaltung',
      categories: ['fruehe_bildung', 'schule'],
      cost: 'kostenlos',
      targetGroups: ['eltern_familien'],
      dates: [{ start: `${year}-02-10T18:00`, end: `${year}-02-10T20:00` }],
      description: 'Was Kinder zum Schulstart brauchen – Information und Austausch.',
    },
    {
      title: 'Medienwerkstatt: Videos selbst machen',
      type: 'kurs',
      categories: ['non_formale_bildung'],
      cost: 'kostenlos',
      targetGroups: ['jugendliche'],
      ageFrom: 12,
      ageTo: 18,
      description: 'Drehen, schneiden und veröffentlichen – Ferienkurs.',
    },
    {
      title: 'Ferienakademie Naturwissenschaften',
      type: 'programm',
      categories: ['schule', 'non_formale_bildung'],
      cost: 'ermaessigt',
      price: '15.00',
      targetGroups: ['kinder', 'jugendliche'],
      ageFrom: 9,
      ageTo: 14,
      dates: [{ start: `${year}-07-20T09:00`, end: `${year}-07-24T15:00` }],
      description: 'Forschen und Experimentieren in den Sommerferien.',
    },
    {
      title: 'Weiterbildungsberatung für Beschäftigte',
      type: 'beratung',
      categories: ['weiterbildung'],
      cost: 'kostenlos',
      targetGroups: ['erwachsene', 'fachkraefte'],
      description: 'Förderprogramme, Bildungsurlaub und berufliche Neuorientierung.',
    },
  ];
  offers.forEach((o, k) => offer(c(k), o));
  return out;
}
