import { slug, type Dataset, type DimensionDef } from '@dkbm/domain';

export interface PlannedDimension {
  /** Code of the tenant's dimension the values go to. */
  code: string;
  name: string;
  named: boolean;
}

/** Well-known value sets of official statistics that identify an unnamed dimension. */
const KNOWN: Array<{ code: string; name: string; test: (labels: string[]) => boolean }> = [
  {
    code: 'geschlecht',
    name: 'Geschlecht',
    test: (l) =>
      l.every((x) => /^(insgesamt|zusammen|männlich|weiblich|divers|ohne angabe)$/i.test(x)) &&
      l.some((x) => /^weiblich$/i.test(x)),
  },
  {
    code: 'nationalitaet',
    name: 'Nationalität',
    test: (l) => l.some((x) => /^deutsche$/i.test(x)) && l.some((x) => /^ausländer/i.test(x)),
  },
  {
    code: 'betreuungsart',
    name: 'Art der Betreuung',
    test: (l) => l.some((x) => /tageseinrichtung/i.test(x)) && l.some((x) => /tagespflege/i.test(x)),
  },
  {
    code: 'altersgruppe',
    name: 'Altersgruppe',
    test: (l) => l.filter((x) => /jahre|jährige|altersjahr/i.test(x)).length >= Math.max(2, l.length - 2),
  },
  {
    code: 'schulart',
    name: 'Schulart',
    test: (l) =>
      l.filter((x) => /schule|gymnasi|schulart|orientierungsstufe|vorschul/i.test(x)).length >=
      Math.max(2, l.length - 2),
  },
];

/** How a dimension of a file is recognised again in a later import of the same table. */
export const sourceKeyOf = (tableCode: string | undefined, key: string) => `${tableCode ?? 'datei'}:${key}`;

function planOne(
  d: DimensionDef,
  tableCode: string | undefined,
  userName: string | undefined,
  earlier: { code: string; name: string; named: boolean } | undefined,
): PlannedDimension {
  if (userName) return { code: slug(userName), name: userName, named: true };
  if (earlier) return earlier;
  if (d.named) return { code: d.key, name: d.name, named: true };
  const labels = d.values.filter((v) => !v.isTotal).map((v) => v.label);
  const known = KNOWN.find((k) => labels.length > 0 && k.test(labels));
  if (known) return { code: known.code, name: known.name, named: false };
  // Nothing recognisable: keep it apart from other tables' unnamed dimensions.
  return { code: tableCode ? `${slug(tableCode)}.${d.key}` : d.key, name: d.name, named: false };
}

/**
 * Which tenant dimension each dimension of the file goes to: a name given by the user, the dimension it
 * went to in an earlier import of the same table, the file's own name, a recognised value set
 * (Geschlecht, Altersgruppe, …), or a code of its own for the table.
 */
export function planDimensions(
  ds: Pick<Dataset, 'dimensions' | 'meta'>,
  names: Record<string, string> | undefined,
  existing: Array<{ code: string; name: string; named: boolean; sourceKeys: string[] }> = [],
): Map<string, PlannedDimension> {
  const plan = new Map<string, PlannedDimension>();
  const used = new Set<string>();
  for (const d of ds.dimensions) {
    const source = sourceKeyOf(ds.meta.tableCode, d.key);
    const earlier = existing.find((e) => e.sourceKeys.includes(source));
    let p = planOne(
      d,
      ds.meta.tableCode,
      names?.[d.key],
      earlier && { code: earlier.code, name: earlier.name, named: earlier.named },
    );
    if (used.has(p.code)) p = { ...p, code: `${p.code}_${plan.size + 1}` };
    used.add(p.code);
    plan.set(d.key, p);
  }
  return plan;
}

/** Dimensions of a cell under their planned codes. */
export function recode(
  dims: Record<string, string>,
  plan: Map<string, PlannedDimension>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(dims)) out[plan.get(k)?.code ?? k] = v;
  return out;
}
