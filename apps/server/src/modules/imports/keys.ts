import type { FileKey } from '@dkbm/domain';
import { AREA_LEVEL_ORDER, type AreaLevel, type KeyReport } from '@dkbm/contract';
import { keyLevel } from '@dkbm/domain';

export type { FileKey };

/** An area of the tenant as the key matcher needs it. */
export interface KnownArea {
  id: string;
  level: AreaLevel;
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface MatchOptions {
  /** Fixed level of the file's keys (tidy tables, boundaries); undefined = derive from the official key shape. */
  level?: AreaLevel | undefined;
  /** Create areas for unknown keys (official keys: level from the shape; fixed level: that level). */
  createAreas: boolean;
  /** Manual mappings (given for this import, then saved ones): source key → area id. */
  mappings: Map<string, string>;
}

export interface MatchResult {
  /** source key → area id, or 'create' (created on commit with the level and name given). */
  assignments: Map<string, string | { create: true; level: AreaLevel; name: string }>;
  report: KeyReport;
}

const OFFICIAL_LEVELS = new Set<AreaLevel>([
  'bund',
  'land',
  'regierungsbezirk',
  'kreis',
  'gemeindeverband',
  'gemeinde',
]);

const isValidAt = (a: KnownArea, date: string) =>
  (!a.validFrom || a.validFrom <= date) && (!a.validTo || a.validTo >= date);

const fmt = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

function validityText(a: KnownArea): string {
  if (a.validFrom && a.validTo) return `gültig ${fmt(a.validFrom)} bis ${fmt(a.validTo)}`;
  if (a.validTo) return `gültig bis ${fmt(a.validTo)}`;
  if (a.validFrom) return `gültig ab ${fmt(a.validFrom)}`;
  return 'gültig';
}

/**
 * Match the keys of a file against the tenant's areas. Every key ends up matched, mapped, created
 * or in `unmatched` with a reason: nothing is dropped silently.
 */
export function matchKeys(keys: FileKey[], areas: KnownArea[], opts: MatchOptions): MatchResult {
  const byCode = new Map<string, KnownArea[]>();
  for (const a of areas) {
    const list = byCode.get(a.code) ?? [];
    list.push(a);
    byCode.set(a.code, list);
  }
  const byId = new Map(areas.map((a) => [a.id, a]));
  const assignments: MatchResult['assignments'] = new Map();
  const report: KeyReport = { matched: 0, mapped: 0, created: [], unmatched: [] };

  for (const k of keys) {
    const code = k.code.trim();
    const manual = opts.mappings.get(code);
    if (manual && byId.has(manual)) {
      assignments.set(code, manual);
      report.mapped += 1;
      continue;
    }
    const shapeLevel = keyLevel(code) as AreaLevel | null;
    // An official key (AGS/ARS) says its level itself: a Land row in a table of Kreise stays a Land.
    const level =
      opts.level && shapeLevel && OFFICIAL_LEVELS.has(opts.level) && shapeLevel !== opts.level
        ? shapeLevel
        : (opts.level ?? shapeLevel);
    if (!level) {
      report.unmatched.push({
        code,
        name: k.name,
        reason: 'invalid_key',
        hint: 'Erwartet: DG, 2-, 3-, 5-, 8-, 9- oder 12-stelliger amtlicher Schlüssel',
        suggestion: null,
        count: k.count,
      });
      continue;
    }
    const candidates = byCode.get(code) ?? [];
    const sameLevel = candidates.find((a) => a.level === level);
    if (sameLevel) {
      const invalid = k.dates.filter((d) => !isValidAt(sameLevel, d));
      if (invalid.length) {
        report.unmatched.push({
          code,
          name: k.name,
          reason: 'not_valid_at_date',
          hint: `${sameLevel.name}: ${validityText(sameLevel)}; Daten zu ${invalid.map(fmt).slice(0, 3).join(', ')}${invalid.length > 3 ? ' …' : ''}`,
          suggestion: { areaId: sameLevel.id, code: sameLevel.code, name: sameLevel.name },
          count: k.count,
        });
        continue;
      }
      assignments.set(code, sameLevel.id);
      report.matched += 1;
      continue;
    }
    // Berlin and Hamburg are Land and Kreis at once: '11000' at Kreis level is the Land '11'.
    const cityState =
      level === 'kreis' && /^(02|11)000$/.test(code)
        ? (byCode.get(code.slice(0, 2)) ?? []).find((a) => a.level === 'land')
        : undefined;
    if (cityState) {
      assignments.set(code, cityState.id);
      report.matched += 1;
      continue;
    }
    const otherLevel = candidates[0];
    // With areas being created, a key at another level simply gets its own area at this level.
    if (otherLevel && opts.level && !opts.createAreas) {
      report.unmatched.push({
        code,
        name: k.name,
        reason: 'other_level',
        hint: `vorhanden als ${otherLevel.level}: ${otherLevel.name}`,
        suggestion: { areaId: otherLevel.id, code: otherLevel.code, name: otherLevel.name },
        count: k.count,
      });
      continue;
    }
    // A kreisfreie Stadt given with its 8-digit Gemeinde key ('03101000') while the tenant has the Kreis '03101'.
    if (level === 'gemeinde' && /^\d{5}000$/.test(code) && !opts.createAreas) {
      const kreis = (byCode.get(code.slice(0, 5)) ?? []).find((a) => a.level === 'kreis');
      if (kreis) {
        report.unmatched.push({
          code,
          name: k.name,
          reason: 'kreis_as_gemeinde',
          hint: `Kreisschlüssel ${kreis.code}`,
          suggestion: { areaId: kreis.id, code: kreis.code, name: kreis.name },
          count: k.count,
        });
        continue;
      }
    }
    if (opts.createAreas) {
      const name = k.name?.trim() || code;
      assignments.set(code, { create: true, level, name });
      report.created.push({ code, name: k.name, level });
      continue;
    }
    report.unmatched.push({
      code,
      name: k.name,
      reason: 'unknown_key',
      hint: null,
      suggestion: null,
      count: k.count,
    });
  }
  return { assignments, report };
}

/** Parent key of an official key ('01001' → '01', '03101' → '031' when that Regierungsbezirk exists, '01001000' → '01001'). */
export function officialParentKeys(code: string): string[] {
  if (code === 'DG') return [];
  if (/^\d{2}$/.test(code)) return ['DG'];
  if (/^\d{3}$/.test(code)) return [code.slice(0, 2)];
  if (/^\d{5}$/.test(code)) return [code.slice(0, 3), code.slice(0, 2)];
  if (/^\d{8}$/.test(code)) return [code.slice(0, 5)];
  if (/^\d{9,10}$/.test(code)) return [code.slice(0, 5)];
  if (/^\d{12}$/.test(code)) return [code.slice(0, 5)];
  return [];
}

/** The official key (AGS) of a tenant and its name, to tell its own areas from others in a file. */
export interface Territory {
  ags: string | null;
  name: string;
}

/**
 * Where a key of a file lies for a tenant: `own` (its Kreis or Gemeinde, or a local key such as a
 * Stadtteil), `parent` (Bund, its Land, Regierungsbezirk, or its Kreis for a kreisangehörige Gemeinde),
 * `outside` (another Kreis, Land …) or `unknown` (the tenant has no official key).
 */
export function placeOfKey(code: string, t: Territory): 'own' | 'parent' | 'outside' | 'unknown' {
  const k = code.trim();
  const ags = t.ags?.trim() ?? '';
  if (!/^\d{5}(\d{3})?$/.test(ags)) return 'unknown';
  const level = keyLevel(k);
  if (!level) return 'own';
  if (level === 'bund') return 'parent';
  const kreis = ags.slice(0, 5);
  // A kreisangehörige Gemeinde owns only itself; a kreisfreie Stadt ('05315000') or a Kreis owns its Kreis.
  const ownGemeinde = ags.length === 8 && !ags.endsWith('000') ? ags : null;
  if (k.length <= 3) return ags.startsWith(k) ? 'parent' : 'outside';
  if (k.slice(0, 5) !== kreis) return 'outside';
  if (!ownGemeinde) return 'own';
  if (level === 'kreis' || level === 'gemeindeverband') return 'parent';
  const gemeinde = k.length === 12 ? k.slice(0, 5) + k.slice(9) : k.slice(0, 8);
  return gemeinde === ownGemeinde ? 'own' : 'outside';
}

/**
 * Default of „Unbekannte Gebiete anlegen“ for a file: off when most of its keys lie outside the tenant
 * (a national table would otherwise add hundreds of foreign areas to one municipality), else on.
 */
export function defaultCreateAreas(
  keys: Array<{ code: string }>,
  t: Territory,
): { createAreas: boolean; outside: number; total: number } {
  const outside = keys.filter((k) => placeOfKey(k.code, t) === 'outside').length;
  return { createAreas: !(outside * 2 > keys.length), outside, total: keys.length };
}

/** Areas to be created, counted per level (broad levels first). */
export function createdByLevel(created: KeyReport['created']): Array<{ level: AreaLevel; count: number }> {
  const m = new Map<AreaLevel, number>();
  for (const c of created) m.set(c.level, (m.get(c.level) ?? 0) + 1);
  return AREA_LEVEL_ORDER.filter((l) => m.has(l)).map((level) => ({ level, count: m.get(level)! }));
}
