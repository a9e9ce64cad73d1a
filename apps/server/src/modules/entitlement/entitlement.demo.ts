import {
  generateDemoCatchments,
  generateDemoMunicipality,
  generateDemoSingleAgePopulation,
} from '@dkbm/domain';
import type { Tx } from '../../platform/db/client';
import type { DemoTenants } from '../../platform/modules/module';
import { tenantScope } from '../../platform/tenancy/scope';
import { listAreas } from '../monitoring/areas.service';
import * as repo from './entitlement.repo';
import { DEFAULT_ENTITLEMENT_SETTINGS } from './entitlement.service';

export const DEMO_FUNDING_PROGRAMME = 'Investitionsprogramm Ganztagsausbau';

/**
 * Musterstadt plans its legal entitlements: 8 Grundschulen on the Schulbezirke and 12 Sozialräume on the
 * districts (areas and single-year population come from the monitoring demo), places of Hort, offene and
 * gebundene Ganztagsschule and Kita, an expansion plan with federal funding, and two scenarios (70 % / 90 %).
 * Deterministic: the places follow from the generated population with fixed factors.
 */
export async function seedEntitlementDemo(tx: Tx, demo: DemoTenants): Promise<void> {
  const s = tenantScope(tx, demo.musterstadt);
  const city = generateDemoMunicipality();
  const catchments = generateDemoCatchments(city);
  const pop = generateDemoSingleAgePopulation(city);
  const sum = (codes: string[], from: number, to: number) =>
    pop
      .filter((r) => codes.includes(r.districtCode) && r.age >= from && r.age <= to)
      .reduce((a, r) => a + r.value, 0);

  await repo.upsertSettings(s, DEFAULT_ENTITLEMENT_SETTINGS);
  const schoolAreas = new Map((await listAreas(s, { level: 'schulbezirk' })).map((a) => [a.code, a]));
  const districtAreas = new Map((await listAreas(s, { level: 'stadtbezirk' })).map((a) => [a.code, a]));

  // Ganztag: today's places cover 50–85 % of the primary school children; Hort and offene Ganztagsschule.
  // The gebundene Ganztagsschule (the first school) has every child all day: demand share 100 % there.
  let boundSchool = '';
  const coverage = [0.82, 0.55, 0.68, 0.6, 0.75, 0.5, 0.85, 0.62];
  for (const [i, c] of catchments.entries()) {
    const area = schoolAreas.get(c.code);
    if (!area) continue;
    const unit = await repo.insertPlanningUnit(s, { kind: 'grundschule', name: c.name, areaId: area.id });
    if (i === 0) boundSchool = unit.id;
    const places = Math.round((sum(c.districtCodes, 6, 9) * coverage[i % coverage.length]!) / 5) * 5;
    const parts: Array<[string, number]> =
      i === 0
        ? [['gebundene_ganztagsschule', places]]
        : [
            ['hort', Math.round((places * 0.4) / 5) * 5],
            ['offene_ganztagsschule', places - Math.round((places * 0.4) / 5) * 5],
          ];
    for (const [type, n] of parts) {
      await repo.insertCapacity(s, {
        planningUnitId: unit.id,
        type,
        places: String(n),
        fromSchoolYear: null,
        toSchoolYear: null,
        note: null,
      });
    }
    // Expansion plan: every second school builds, in 2027/28 or 2028/29, funded by the federal programme.
    if (i % 2 === 1) {
      const add = Math.round((sum(c.districtCodes, 6, 9) * 0.25) / 25) * 25;
      await repo.insertExpansion(s, {
        planningUnitId: unit.id,
        type: 'offene_ganztagsschule',
        places: String(add),
        schoolYear: i < 4 ? 2027 : 2028,
        fundingProgramme: DEMO_FUNDING_PROGRAMME,
        amount: String(add * 18000),
        note: 'Mensa und Räume für den Ganztag',
      });
    }
  }

  // Kita per Sozialraum: U3 places for 40–55 % of the 1–2-year-olds, Ü3 places for 88–100 %.
  for (const [i, d] of city.districts.entries()) {
    const area = districtAreas.get(d.code);
    if (!area) continue;
    const unit = await repo.insertPlanningUnit(s, { kind: 'sozialraum', name: d.name, areaId: area.id });
    const u3 = Math.round((sum([d.code], 1, 2) * (0.4 + (i % 4) * 0.05)) / 5) * 5;
    const ue3 = Math.round((sum([d.code], 3, 5) * (0.88 + (i % 5) * 0.03)) / 5) * 5;
    for (const [type, n] of [
      ['kita_u3', u3],
      ['kita_ue3', ue3],
    ] as const) {
      await repo.insertCapacity(s, {
        planningUnitId: unit.id,
        type,
        places: String(n),
        fromSchoolYear: null,
        toSchoolYear: null,
        note: null,
      });
    }
    if (i % 4 === 1) {
      await repo.insertExpansion(s, {
        planningUnitId: unit.id,
        type: 'kita_u3',
        places: '30',
        schoolYear: 2027,
        fundingProgramme: 'Investitionsprogramm Kinderbetreuungsfinanzierung',
        amount: '900000',
        note: 'Neubau einer Kita mit zwei Krippengruppen',
      });
    }
  }

  const common = {
    notEntitledShare: null,
    specialSchoolShare: '0.04',
    netMigration: null,
    byPlanningUnit: boundSchool ? { [boundSchool]: { ganztagShare: '1' } } : {},
  };
  // The 70 % scenario is published: the portal shows its summary (/kommune/musterstadt/rechtsanspruch, with
  // small numbers withheld by the tenant's disclosure threshold); the 90 % scenario stays internal.
  await repo.insertScenario(s, {
    published: true,
    name: 'Bedarf 70 %',
    description:
      '70 % der Eltern anspruchsberechtigter Kinder wollen einen Ganztagsplatz; Kita-Bedarf U3 45 %, Ü3 95 %; 5 % Rückstellungen, 4 % Förderschule; gebundene Ganztagsschule 100 %.',
    ganztagShare: '0.7',
    kitaU3Rate: '0.45',
    kitaUe3Rate: '0.95',
    deferralShare: '0.05',
    ...common,
  });
  await repo.insertScenario(s, {
    name: 'Bedarf 90 %',
    description:
      '90 % der Eltern wollen einen Ganztagsplatz (Erfahrung großer Städte); Kita-Bedarf U3 55 %, Ü3 98 %; 5 % Rückstellungen, 4 % Förderschule; gebundene Ganztagsschule 100 %.',
    ganztagShare: '0.9',
    kitaU3Rate: '0.55',
    kitaUe3Rate: '0.98',
    deferralShare: '0.05',
    ...common,
    published: false,
  });
}
