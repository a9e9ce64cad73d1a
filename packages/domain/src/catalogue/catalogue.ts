/**
 * The indicator catalogue (Kennzahlenkatalog): a definitions file (see ../compute/FORMAT.md) with two more
 * sections – `catalogue` (id, version, licence of the official data) and `sources` (the official tables
 * and local data each indicator needs) – and catalogue metadata in every indicator's `meta`: topic and
 * tier of the Anwendungsleitfaden, formula in words, reference date of every input, regional depth,
 * update rhythm, caveats, an optional variant for local small-area data and the published Regionalatlas
 * counterpart. `parseCatalogueFile` checks all of it with line and column, like `parseDefinitionsFile`.
 */
import { z } from 'zod';
import {
  areaLevelSchema,
  indicatorKindSchema,
  indicatorMeasureSchema,
  indicatorTierSchema,
  indicatorTopicSchema,
  polaritySchema,
  type AreaLevel,
} from '@dkbm/contract';
import {
  CODE_RE,
  computedDefinitionSchema,
  custom,
  definitionObjectSchema,
  fileIssues,
  inputSelectorSchema,
  readYamlFile,
  refineDefinition,
} from '../compute/definitions';
import { DefinitionError } from '../compute/errors';
import type { ComputedDefinition, InputSelector } from '../compute/types';

/** Where the data of a source come from. */
export const SOURCE_ORIGINS = ['official', 'regionalatlas', 'local'] as const;
export type SourceOrigin = (typeof SOURCE_ORIGINS)[number];
/**
 * How the indicator codes a source yields on import were checked: with a complete export (the real-data
 * test imports it), with the header lines of an original export, with the demo municipality's generated
 * data (local sources), or not at all.
 */
export const SOURCE_CHECKS = ['export', 'header', 'demo', 'none'] as const;
/** Which inputs a catalogue indicator is computed from. */
export const CATALOGUE_VARIANTS = ['official', 'local'] as const;
export type CatalogueVariant = (typeof CATALOGUE_VARIANTS)[number];

const text = z.string().trim().min(1);
/** Official signs that replace a value. */
const FLAG_SIGNS = ['-', '.', 'x', '/', '...'] as const;
const levels = z.array(areaLevelSchema).min(1);
/** Table codes: '12411-02-03-4', 'AI003-3', local building blocks 'kommunal.bevoelkerung'. */
const SOURCE_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const headerSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  version: z.number().int().min(1),
  date: z.iso.date(),
  title: text,
  basis: text,
  /** Download address of an official table; `{code}` is replaced by the table code. */
  download: z.string().regex(/^https:\/\/\S+\{code\}\S*$/),
  licence: z.strictObject({ code: text, name: text, url: z.url() }),
  /** Attribution for official data (dl-de/by-2-0 requires it). */
  attribution: text,
  /**
   * Signs the catalogue sets where the Regionalatlas sets another one and neither has a value (the
   * real-data test allows exactly these differences of signs).
   */
  signConventions: z
    .array(z.strictObject({ computed: z.enum(FLAG_SIGNS), published: z.enum(FLAG_SIGNS), reason: text }))
    .optional(),
});

const sourceSchema = z.strictObject({
  title: text,
  origin: z.enum(SOURCE_ORIGINS),
  statistic: text.optional(),
  /** Reference date or period of the values, e.g. 'Stichtag 31.12.' or 'Schuljahr (Beginn)'. */
  reference: text,
  regionalDepth: levels,
  updateInterval: text,
  /** The indicator codes an import of the table creates (official: `<table code>.<measure>`). */
  indicators: z.array(z.string().regex(CODE_RE)).min(1),
  checkedWith: z.enum(SOURCE_CHECKS),
  caveats: z.array(text).optional(),
  /** Local data: what to collect and how to import it. */
  howTo: text.optional(),
});

const localVariantSchema = z.strictObject({
  inputs: z.record(z.string(), inputSelectorSchema),
  sources: z.array(z.string()).min(1),
  referenceDates: z.record(z.string(), text),
  regionalDepth: levels,
  note: text.optional(),
  /** Caveats of the small-area variant (those of the official one do not carry over). */
  caveats: z.array(text).optional(),
});

const regionalatlasSchema = z.strictObject({
  /** Regionalatlas table, e.g. 'AI003-3'. */
  table: z.string().regex(SOURCE_CODE_RE),
  /** Column of the published table. */
  column: text,
  /**
   * Indicator code of the published column after import, e.g. 'AI003-3.betreuungsquote_0_bis_2_jahre'
   * (needed when `verified`).
   */
  indicator: z.string().regex(CODE_RE).optional(),
  /** identical: computed independently, equal value by value; adopted: the published value is taken over. */
  comparison: z.enum(['identical', 'adopted']),
  /**
   * true: the real-data test compares the values (inputs and table are in ../shared/data); false: the
   * test data lack the table or an input, the test checks that it indeed cannot compare.
   */
  verified: z.boolean(),
  /** Years in which the published value differs, with the reason. */
  exceptions: z
    .array(
      z.strictObject({
        years: z.array(z.number().int()).min(1),
        /** Only these regions (default: all regions of the years). */
        regions: z
          .array(z.string().regex(/^(DG|\d{2,12})$/))
          .min(1)
          .optional(),
        /** The sign the Regionalatlas publishes there. */
        published: z.enum(FLAG_SIGNS),
        reason: text,
      }),
    )
    .optional(),
  note: text.optional(),
});

const metaSchema = z.strictObject({
  topic: indicatorTopicSchema,
  tier: indicatorTierSchema,
  polarity: polaritySchema,
  measure: indicatorMeasureSchema,
  kind: indicatorKindSchema.optional(),
  /** The formula in words. */
  formulaText: text,
  /** Keys of `sources` the (official) inputs come from. */
  sources: z.array(z.string()).min(1),
  /** Reference date of every input (numerator and every denominator), by input name. */
  referenceDates: z.record(z.string(), text),
  regionalDepth: levels,
  updateInterval: z.string().trim().min(1).max(100),
  caveats: z.array(text).optional(),
  /** The same indicator from local small-area data (e.g. Melderegister, Kita-Bedarfsplanung). */
  local: localVariantSchema.optional(),
  /** Published Regionalatlas columns with the same figure. */
  regionalatlas: z.array(regionalatlasSchema).min(1).optional(),
});

const entrySchema = definitionObjectSchema
  .extend({ description: z.string().trim().min(1).max(4000), meta: metaSchema })
  .superRefine(refineDefinition);

export type CatalogueHeader = z.infer<typeof headerSchema>;
export type CatalogueSource = z.infer<typeof sourceSchema> & { code: string };
export type CatalogueMeta = z.infer<typeof metaSchema>;
export type CatalogueEntry = Omit<ComputedDefinition, 'meta' | 'description'> & {
  description: string;
  meta: CatalogueMeta;
};
export interface Catalogue extends CatalogueHeader {
  sources: Record<string, CatalogueSource>;
  indicators: CatalogueEntry[];
}

const ALLOWED: Record<string, readonly string[]> = {
  file: ['catalogue', 'sources', 'indicators'],
  catalogue: Object.keys(headerSchema.shape),
  source: Object.keys(sourceSchema.shape),
  meta: Object.keys(metaSchema.shape),
  local: Object.keys(localVariantSchema.shape),
  regionalatlas: Object.keys(regionalatlasSchema.shape),
};

function allowedAt(path: readonly PropertyKey[]): readonly string[] | undefined {
  if (path.length === 0) return ALLOWED.file;
  if (path.length === 1 && path[0] === 'catalogue') return ALLOWED.catalogue;
  if (path.length === 2 && path[0] === 'sources') return ALLOWED.source;
  if (path[0] === 'indicators' && path[2] === 'meta') {
    if (path.length === 3) return ALLOWED.meta;
    if (path.length === 4 && path[3] === 'local') return ALLOWED.local;
    if (path.length === 5 && path[3] === 'regionalatlas') return ALLOWED.regionalatlas;
  }
  return undefined;
}

function sameKeys(ctx: z.RefinementCtx, path: PropertyKey[], have: Record<string, unknown>, want: string[]) {
  for (const name of want) {
    if (!(name in have)) {
      custom(ctx, path, {
        de: `Für den Eingang ‚${name}‘ fehlt der Bezugszeitpunkt`,
        en: `The reference date of input '${name}' is missing`,
      });
    }
  }
  for (const key of Object.keys(have)) {
    if (!want.includes(key)) {
      custom(ctx, [...path, key], {
        de: `‚${key}‘ ist kein Eingang dieses Indikators (Eingänge: ${want.join(', ')})`,
        en: `'${key}' is not an input of this indicator (inputs: ${want.join(', ')})`,
      });
    }
  }
}

const catalogueFileSchema = z
  .strictObject({
    catalogue: headerSchema,
    sources: z.record(z.string().regex(SOURCE_CODE_RE), sourceSchema),
    indicators: z.array(entrySchema).min(1),
  })
  .superRefine((file, ctx) => {
    const used = new Set<string>();
    const produced = new Map<string, string>();
    for (const [code, src] of Object.entries(file.sources)) {
      if (src.origin === 'local' && !src.howTo) {
        custom(ctx, ['sources', code, 'howTo'], {
          de: 'Kommunale Daten brauchen eine Anleitung (howTo): was zu erheben und wie zu importieren ist',
          en: 'Local data need a howTo: what to collect and how to import it',
        });
      }
      src.indicators.forEach((ind, j) => {
        if (src.origin !== 'local' && !ind.startsWith(`${code}.`)) {
          custom(ctx, ['sources', code, 'indicators', j], {
            de: `Der Import der Tabelle ${code} legt Indikatoren ‚${code}.<Merkmal>‘ an, nicht ‚${ind}‘`,
            en: `Importing table ${code} creates indicators '${code}.<measure>', not '${ind}'`,
          });
        }
        produced.set(ind, code);
      });
    }
    const firstAt = new Map<string, number>();
    file.indicators.forEach((e, i) => {
      const at = (...p: PropertyKey[]) => ['indicators', i, ...p];
      const j = firstAt.get(e.code);
      if (j !== undefined) {
        custom(ctx, at('code'), {
          de: `Der Code ‚${e.code}‘ kommt doppelt vor (schon bei Indikator ${j + 1})`,
          en: `The code '${e.code}' occurs twice (already at indicator ${j + 1})`,
        });
      } else firstAt.set(e.code, i);
      if (produced.has(e.code)) {
        custom(ctx, at('code'), {
          de: `Der Code ‚${e.code}‘ ist schon der Code eines importierten Indikators (Quelle ${produced.get(e.code)})`,
          en: `The code '${e.code}' is already an imported indicator's code (source ${produced.get(e.code)})`,
        });
      }
      const names = Object.keys(e.inputs);
      const checkSources = (list: string[], path: PropertyKey[], wantLocal: boolean | null) =>
        list.forEach((s, k) => {
          used.add(s);
          const src = file.sources[s];
          if (!src) {
            custom(ctx, [...path, k], {
              de: `Unbekannte Quelle ‚${s}‘ (bitte unter sources beschreiben)`,
              en: `Unknown source '${s}' (describe it under sources)`,
            });
          } else if (wantLocal !== null && (src.origin === 'local') !== wantLocal) {
            custom(ctx, [...path, k], {
              de: `Die Quelle ‚${s}‘ ist ${src.origin === 'local' ? 'kommunal' : 'amtlich'}; die kleinräumige Variante nutzt nur kommunale Quellen`,
              en: `The source '${s}' is ${src.origin}; the small-area variant uses local sources only`,
            });
          }
        });
      const checkInputs = (inputs: Record<string, InputSelector>, sources: string[], path: PropertyKey[]) => {
        const allowed = new Set(sources.flatMap((s) => file.sources[s]?.indicators ?? []));
        for (const [name, sel] of Object.entries(inputs)) {
          if (!allowed.has(sel.indicator)) {
            custom(ctx, [...path, name, 'indicator'], {
              de: `Der Eingangsindikator ‚${sel.indicator}‘ stammt aus keiner der genannten Quellen (${sources.join(', ')})`,
              en: `The input indicator '${sel.indicator}' comes from none of the listed sources (${sources.join(', ')})`,
            });
          }
        }
      };
      checkSources(e.meta.sources, at('meta', 'sources'), null);
      checkInputs(e.inputs, e.meta.sources, at('inputs'));
      sameKeys(ctx, at('meta', 'referenceDates'), e.meta.referenceDates, names);
      const local = e.meta.local;
      if (local) {
        checkSources(local.sources, at('meta', 'local', 'sources'), true);
        checkInputs(local.inputs, local.sources, at('meta', 'local', 'inputs'));
        sameKeys(ctx, at('meta', 'local', 'referenceDates'), local.referenceDates, names);
        const localNames = Object.keys(local.inputs);
        if (localNames.length !== names.length || localNames.some((n) => !names.includes(n))) {
          custom(ctx, at('meta', 'local', 'inputs'), {
            de: `Die kleinräumige Variante braucht dieselben Eingänge wie die Formel (${names.join(', ')})`,
            en: `The small-area variant needs the formula's inputs (${names.join(', ')})`,
          });
        } else {
          const r = computedDefinitionSchema.safeParse(
            { ...definitionOf(e, 'official'), inputs: local.inputs },
            { reportInput: true },
          );
          for (const issue of r.success ? [] : r.error.issues) {
            const rest = issue.path[0] === 'inputs' ? issue.path.slice(1) : [];
            custom(ctx, at('meta', 'local', 'inputs', ...rest), {
              de: issue.message,
              en: String((issue as { params?: { en?: unknown } }).params?.en ?? issue.message),
            });
          }
        }
      }
      (e.meta.regionalatlas ?? []).forEach((atlas, k) => {
        const path = at('meta', 'regionalatlas', k);
        if (atlas.indicator && !atlas.indicator.startsWith(`${atlas.table}.`)) {
          custom(ctx, [...path, 'indicator'], {
            de: `Der Import der Tabelle ${atlas.table} legt Indikatoren ‚${atlas.table}.<Merkmal>‘ an`,
            en: `Importing table ${atlas.table} creates indicators '${atlas.table}.<measure>'`,
          });
        }
        if (atlas.verified && !atlas.indicator) {
          custom(ctx, [...path, 'indicator'], {
            de: 'Für den Vergleich (verified: true) wird der Code der veröffentlichten Spalte gebraucht',
            en: 'The comparison (verified: true) needs the code of the published column',
          });
        }
        if (
          atlas.comparison === 'adopted' &&
          !Object.values(e.inputs).some((s) => s.indicator === atlas.indicator)
        ) {
          custom(ctx, [...path, 'comparison'], {
            de: `‚adopted‘ heißt: der veröffentlichte Wert ${atlas.indicator ?? ''} ist der Eingang – er kommt in inputs nicht vor`,
            en: `'adopted' means the published value ${atlas.indicator ?? ''} is the input – it is not among the inputs`,
          });
        }
      });
    });
    for (const code of Object.keys(file.sources)) {
      if (!used.has(code)) {
        custom(ctx, ['sources', code], {
          de: `Die Quelle ‚${code}‘ wird von keinem Indikator verwendet`,
          en: `The source '${code}' is used by no indicator`,
        });
      }
    }
  });

/**
 * Read and check a catalogue file. Throws `DefinitionError` listing every problem with file, line,
 * column, indicator code and field path.
 */
export function parseCatalogueFile(textIn: string, fileName: string): Catalogue {
  const { data, locate } = readYamlFile(textIn, fileName, {
    de: 'Der Katalog muss ein Objekt mit den Feldern ‚catalogue‘, ‚sources‘ und ‚indicators‘ sein',
    en: "The catalogue must be an object with the fields 'catalogue', 'sources' and 'indicators'",
  });
  const r = catalogueFileSchema.safeParse(data, { reportInput: true });
  if (!r.success) throw new DefinitionError(fileIssues(data, r.error.issues, locate, allowedAt), fileName);
  const sources = Object.fromEntries(
    Object.entries(r.data.sources).map(([code, s]) => [code, { ...s, code }]),
  );
  return { ...r.data.catalogue, sources, indicators: r.data.indicators as CatalogueEntry[] };
}

/** The variants an entry offers: official inputs always, local ones when `meta.local` is given. */
export function variantsOf(entry: CatalogueEntry): CatalogueVariant[] {
  return entry.meta.local ? ['official', 'local'] : ['official'];
}

/**
 * The computed definition of an entry for a variant, as it is stored: without the catalogue metadata and
 * with `periodsFrom` explicit (stored JSON does not keep the order of inputs).
 */
export function definitionOf(entry: CatalogueEntry, variant: CatalogueVariant): ComputedDefinition {
  const inputs = variant === 'local' && entry.meta.local ? entry.meta.local.inputs : entry.inputs;
  return {
    code: entry.code,
    name: entry.name,
    description: entry.description,
    unit: entry.unit,
    decimals: entry.decimals,
    formula: entry.formula,
    inputs,
    periodsFrom: entry.periodsFrom ?? Object.keys(entry.inputs)[0]!,
    ...(entry.periodType ? { periodType: entry.periodType } : {}),
    ...(entry.zeroAsDash !== undefined ? { zeroAsDash: entry.zeroAsDash } : {}),
  };
}

/** The sources an entry needs in a variant. */
export function sourcesOf(catalogue: Catalogue, entry: CatalogueEntry, variant: CatalogueVariant) {
  const codes = variant === 'local' && entry.meta.local ? entry.meta.local.sources : entry.meta.sources;
  return codes.map((c) => catalogue.sources[c]!);
}

/** True when the entry cannot be computed from official tables alone (it needs the municipality's data). */
export function needsLocalData(catalogue: Catalogue, entry: CatalogueEntry): boolean {
  return sourcesOf(catalogue, entry, 'official').some((s) => s.origin === 'local');
}

/** The source that yields an indicator code, if any. */
export function sourceOfIndicator(catalogue: Catalogue, indicatorCode: string): CatalogueSource | undefined {
  return Object.values(catalogue.sources).find((s) => s.indicators.includes(indicatorCode));
}

/** Download address of an official table (regionalstatistik.de), or null for local data. */
export function downloadUrl(catalogue: Catalogue, source: CatalogueSource): string | null {
  if (source.origin === 'local') return null;
  return catalogue.download.replace('{code}', encodeURIComponent(source.code));
}

/** Regional depth of an entry in a variant. */
export function regionalDepthOf(entry: CatalogueEntry, variant: CatalogueVariant): AreaLevel[] {
  return variant === 'local' && entry.meta.local ? entry.meta.local.regionalDepth : entry.meta.regionalDepth;
}
