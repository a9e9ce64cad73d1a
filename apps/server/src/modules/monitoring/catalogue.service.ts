/**
 * The indicator catalogue (Kennzahlenkatalog, packages/domain/catalogue/kennzahlenkatalog.yaml) applied to
 * a tenant: creates its computed indicators for chosen topics, reports which official tables (or local
 * data) are still missing and where to get them, and re-applies newer catalogue versions with a
 * three-way merge that never overwrites a local edit silently (ADR 9).
 *
 * Entry points: `catalogueStatus` (what is applied, complete, missing), `planCatalogue` (what applying
 * would change – the preview), `applyCatalogue` (do it, one transaction).
 */
import {
  indicatorTopicSchema,
  type CatalogueApplyResponse,
  type CatalogueFieldChange,
  type CataloguePlanActionName,
  type CataloguePlanItem,
  type CataloguePlanResponse,
} from '@dkbm/contract';
import {
  ComputeError,
  definitionOf as entryDefinition,
  downloadUrl,
  needsLocalData,
  regionalDepthOf,
  sourceOfIndicator,
  validateDefinition,
  variantsOf,
  type Catalogue,
  type CatalogueEntry,
  type CatalogueVariant,
  type ComputedDefinition,
} from '@dkbm/domain';
import { HttpError } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { insertIndicator, updateIndicatorRow, type IndicatorRow } from './catalog.repo';
import {
  currentFields,
  join,
  OWNED,
  OWNED_FIELD_LABELS,
  same,
  shippedCatalogue,
  targetFields,
  type CatalogueStatus,
  type ChecklistItem,
  type EntryState,
  type EntryStatus,
  type InputStatus,
  type OwnedField,
  type OwnedFields,
} from './catalogue.fields';
import {
  catalogueLinks,
  dimsByIndicator,
  insertCatalogueLink,
  tenantIndicators,
  updateCatalogueLink,
} from './catalogue.repo';
import { definitionOf, recomputeDependents, recomputeIndicator } from './computed.service';

export * from './catalogue.fields';

function fitProblem(
  dims: Map<string, Set<string>> | undefined,
  want: Record<string, string | string[]> = {},
) {
  for (const [k, v] of Object.entries(want)) {
    const have = dims?.get(k);
    if (!have) {
      return `Merkmal ‚${k}‘ fehlt (vorhanden: ${join([...(dims?.keys() ?? [])].toSorted()) || 'keine'})`;
    }
    for (const x of Array.isArray(v) ? v : [v]) {
      if (!have.has(x)) {
        return `Wert ‚${x}‘ von ‚${k}‘ fehlt (vorhanden: ${join([...have].toSorted().slice(0, 12))})`;
      }
    }
  }
  return null;
}

function pickEntries(catalogue: Catalogue, topics?: readonly string[], codes?: readonly string[]) {
  for (const t of topics ?? []) {
    if (!indicatorTopicSchema.safeParse(t).success) {
      throw new HttpError(
        400,
        'unknown_topic',
        `Unbekanntes Themenfeld „${t}“ (erlaubt: ${indicatorTopicSchema.options.join(', ')}).`,
      );
    }
  }
  for (const c of codes ?? []) {
    if (!catalogue.indicators.some((e) => e.code === c)) {
      throw new HttpError(400, 'unknown_entry', `Der Katalog enthält keinen Indikator „${c}“.`);
    }
  }
  return catalogue.indicators.filter(
    (e) => (!topics?.length || topics.includes(e.meta.topic)) && (!codes?.length || codes.includes(e.code)),
  );
}

/** State of every catalogue entry in a tenant and the checklist of sources the applied ones need. */
export async function catalogueStatus(
  scope: TenantScope,
  catalogue: Catalogue = shippedCatalogue(),
): Promise<CatalogueStatus> {
  const linked = await catalogueLinks(scope);
  const inputCodes = catalogue.indicators.flatMap((e) =>
    variantsOf(e).flatMap((v) => Object.values(entryDefinition(e, v).inputs).map((s) => s.indicator)),
  );
  const rowsByCode = await tenantIndicators(scope, [
    ...catalogue.indicators.map((e) => e.code),
    ...inputCodes,
  ]);
  const dims = await dimsByIndicator(
    scope,
    [...rowsByCode.values()].filter((r) => inputCodes.includes(r.code)).map((r) => r.id),
  );
  const entries: EntryStatus[] = catalogue.indicators.map((e) => {
    const row = rowsByCode.get(e.code);
    const link = linked.get(e.code);
    const variant = link ? (link.variant as CatalogueVariant) : null;
    const def = entryDefinition(e, variant ?? 'official');
    // Inputs in the catalogue's order (stored JSON does not keep it), with the stored selectors.
    const stored = row && link ? (definitionOf(row)?.inputs ?? def.inputs) : def.inputs;
    const names = [
      ...Object.keys(def.inputs).filter((n) => n in stored),
      ...Object.keys(stored).filter((n) => !(n in def.inputs)),
    ];
    const inputs: InputStatus[] = names.map((name) => {
      const sel = stored[name]!;
      const input = rowsByCode.get(sel.indicator);
      return {
        name,
        indicator: sel.indicator,
        source: sourceOfIndicator(catalogue, sel.indicator)?.code ?? null,
        present: !!input,
        problem: input ? fitProblem(dims.get(input.id), sel.dims) : null,
      };
    });
    const observations = (row?.coverage as { observations?: number } | null)?.observations ?? 0;
    let state: EntryState = 'not_applied';
    if (row && !link) state = 'code_taken';
    else if (row && link) {
      state = inputs.every((i) => i.present && !i.problem) && observations > 0 ? 'complete' : 'incomplete';
    }
    const current = row && link ? currentFields(row) : null;
    return {
      code: e.code,
      name: e.name.de,
      topic: e.meta.topic,
      tier: e.meta.tier,
      needsLocalData: needsLocalData(catalogue, e),
      variants: variantsOf(e),
      state,
      indicatorId: row?.id ?? null,
      variant,
      appliedVersion: link?.catalogueVersion ?? null,
      locallyEdited: current ? OWNED.filter((f) => !same(current[f], link!.base[f])) : [],
      inputs,
      observations,
      regionalDepth: regionalDepthOf(e, variant ?? 'official'),
    };
  });
  // Checklist: the sources of the applied entries (their stored inputs), missing first.
  const items = new Map<string, ChecklistItem>();
  for (const s of entries) {
    if (s.state !== 'complete' && s.state !== 'incomplete') continue;
    for (const i of s.inputs) {
      const src = i.source ? catalogue.sources[i.source] : undefined;
      if (!src) continue;
      const item = items.get(src.code) ?? {
        source: src.code,
        title: src.title,
        origin: src.origin,
        url: downloadUrl(catalogue, src),
        reference: src.reference,
        regionalDepth: src.regionalDepth,
        howTo: src.howTo ?? null,
        neededBy: [],
        missing: [],
        state: 'present' as ChecklistItem['state'],
      };
      if (!item.neededBy.includes(s.code)) item.neededBy.push(s.code);
      if (!i.present && !item.missing.includes(i.indicator)) item.missing.push(i.indicator);
      items.set(src.code, item);
    }
  }
  const checklist = [...items.values()].map((item) => {
    const produced = catalogue.sources[item.source]!.indicators.filter(
      (c) => item.missing.includes(c) || rowsByCode.has(c),
    );
    const state: ChecklistItem['state'] = !item.missing.length
      ? 'present'
      : produced.some((c) => rowsByCode.has(c))
        ? 'partial'
        : 'missing';
    return { ...item, state };
  });
  const order = { missing: 0, partial: 1, present: 2 };
  checklist.sort((a, b) => order[a.state] - order[b.state] || a.source.localeCompare(b.source));
  const inCatalogue = new Set(catalogue.indicators.map((e) => e.code));
  const removed = [...linked.values()]
    .filter((l) => l.catalogueId === catalogue.id && !inCatalogue.has(l.code))
    .map((l) => l.code)
    .toSorted();
  return {
    catalogue: { id: catalogue.id, version: catalogue.version, title: catalogue.title, date: catalogue.date },
    entries,
    checklist,
    removed,
  };
}

/* ---------- plan and apply ---------- */

export type PlanAction = CataloguePlanActionName;
export type FieldChange = CatalogueFieldChange & { field: OwnedField };
export type PlanItem = CataloguePlanItem;

export interface CatalogueOptions {
  /** Topics to apply (default: all). */
  topics?: readonly string[];
  /** Single entries to apply (default: all of the topics). */
  codes?: readonly string[];
  /**
   * The catalogue version the caller previewed; refused when the catalogue has another one (the page
   * shows a preview of version N, the click applies exactly N).
   */
  version?: number;
  catalogue?: Catalogue;
  /** Which variant new indicators use when both could (default official). */
  prefer?: CatalogueVariant;
  /** Create only indicators whose inputs exist (the demo municipality). */
  onlyWithData?: boolean;
  /** Local edits to overwrite with the catalogue's value: indicator codes, or 'all'. */
  overwrite?: 'all' | readonly string[];
}

export type CataloguePlan = CataloguePlanResponse;

function chooseVariant(
  entry: CatalogueEntry,
  exists: (code: string) => boolean,
  prefer: CatalogueVariant,
): { variant: CatalogueVariant; complete: boolean } {
  const complete = (v: CatalogueVariant) =>
    Object.values(entryDefinition(entry, v).inputs).every((s) => exists(s.indicator));
  const offered = variantsOf(entry);
  const order: CatalogueVariant[] = prefer === 'local' ? ['local', 'official'] : ['official', 'local'];
  for (const v of order) if (offered.includes(v) && complete(v)) return { variant: v, complete: true };
  return { variant: offered.includes(prefer) ? prefer : 'official', complete: false };
}

async function makePlan(scope: TenantScope, opts: CatalogueOptions) {
  const catalogue = opts.catalogue ?? shippedCatalogue();
  if (opts.version !== undefined && opts.version !== catalogue.version) {
    throw new HttpError(
      409,
      'catalogue_version',
      `Der Kennzahlenkatalog liegt in Fassung ${catalogue.version} vor, angefordert war Fassung ${opts.version}. Bitte die Vorschau neu laden.`,
    );
  }
  const chosen = pickEntries(catalogue, opts.topics, opts.codes);
  const linked = await catalogueLinks(scope);
  const inputCodes = chosen.flatMap((e) =>
    variantsOf(e).flatMap((v) => Object.values(entryDefinition(e, v).inputs).map((s) => s.indicator)),
  );
  const rowsByCode = await tenantIndicators(scope, [...chosen.map((e) => e.code), ...inputCodes]);
  const overwrite = (code: string) =>
    opts.overwrite === 'all' || (Array.isArray(opts.overwrite) && opts.overwrite.includes(code));
  const items: PlanItem[] = [];
  const targets = new Map<string, OwnedFields>();
  for (const e of chosen) {
    const row = rowsByCode.get(e.code);
    const link = linked.get(e.code);
    const base = { code: e.code, name: e.name.de, topic: e.meta.topic };
    if (!row) {
      const { variant, complete } = chooseVariant(e, (c) => rowsByCode.has(c), opts.prefer ?? 'official');
      const target = targetFields(catalogue, e, variant);
      targets.set(e.code, target);
      if (opts.onlyWithData && !complete) {
        items.push({
          ...base,
          action: 'skip_no_data',
          variant,
          fromVersion: null,
          changes: [],
          reason: 'Die Eingangsdaten fehlen noch (nur Indikatoren mit vorhandenen Daten gewählt).',
        });
        continue;
      }
      items.push({ ...base, action: 'create', variant, fromVersion: null, changes: [], reason: null });
      continue;
    }
    if (!link || link.catalogueId !== catalogue.id) {
      items.push({
        ...base,
        action: 'skip_code_taken',
        variant: 'official',
        fromVersion: null,
        changes: [],
        reason: link
          ? `Der Code gehört zu einem Indikator aus dem Katalog „${link.catalogueId}“.`
          : 'Der Code gehört schon einem eigenen Indikator der Kommune; er bleibt unverändert.',
      });
      continue;
    }
    const variant: CatalogueVariant = variantsOf(e).includes(link.variant as CatalogueVariant)
      ? (link.variant as CatalogueVariant)
      : 'official';
    if (link.catalogueVersion > catalogue.version) {
      items.push({
        ...base,
        action: 'skip_newer_version',
        variant,
        fromVersion: link.catalogueVersion,
        changes: [],
        reason: `Angelegt mit der neueren Katalogfassung ${link.catalogueVersion}; eine ältere Fassung ändert nichts.`,
      });
      continue;
    }
    const target = targetFields(catalogue, e, variant);
    targets.set(e.code, target);
    const local = currentFields(row);
    const changes: FieldChange[] = [];
    for (const f of OWNED) {
      if (same(local[f], target[f])) continue;
      const editedLocally = !same(local[f], link.base[f]);
      const changedInCatalogue = !same(target[f], link.base[f]);
      if (!changedInCatalogue) continue; // a local edit the catalogue does not touch
      changes.push({
        field: f,
        label: OWNED_FIELD_LABELS[f].de,
        local: local[f],
        catalogue: target[f],
        outcome: !editedLocally ? 'apply' : overwrite(e.code) ? 'overwrite' : 'keep_local',
      });
    }
    const action: PlanAction = changes.some((c) => c.outcome !== 'keep_local')
      ? 'update'
      : changes.length
        ? 'keep_local'
        : 'unchanged';
    items.push({ ...base, action, variant, fromVersion: link.catalogueVersion, changes, reason: null });
  }
  const counts = Object.fromEntries(
    (
      [
        'create',
        'update',
        'unchanged',
        'keep_local',
        'skip_code_taken',
        'skip_newer_version',
        'skip_no_data',
      ] as PlanAction[]
    ).map((a) => [a, items.filter((i) => i.action === a).length]),
  ) as Record<PlanAction, number>;
  return {
    catalogue,
    plan: {
      catalogue: { id: catalogue.id, version: catalogue.version, title: catalogue.title },
      items,
      counts,
    },
    rowsByCode,
    linked,
    targets,
  };
}

/** What applying the catalogue would do (the preview); changes nothing. */
export async function planCatalogue(s: TenantScope, opts: CatalogueOptions = {}): Promise<CataloguePlan> {
  return (await makePlan(s, opts)).plan;
}

export type CatalogueApplyResult = CatalogueApplyResponse;

function rowValues(fields: OwnedFields) {
  const { definition: _definition, ...columns } = fields;
  return columns;
}

function storedDefinition(code: string, fields: OwnedFields): ComputedDefinition {
  return validateDefinition({
    code,
    name: { de: fields.nameDe, ...(fields.nameEn ? { en: fields.nameEn } : {}) },
    description: fields.description,
    unit: fields.unit,
    decimals: fields.decimals,
    ...fields.definition,
  });
}

/**
 * Apply the catalogue (all topics or the chosen ones) in one transaction: create the missing
 * indicators, bring catalogue changes into untouched fields, keep local edits unless `overwrite` names
 * them, compute what the data allow. Returns the plan that was carried out and the new status.
 */
export async function applyCatalogue(
  scope: TenantScope,
  opts: CatalogueOptions = {},
): Promise<CatalogueApplyResult> {
  return scope.transaction(async (tx) => {
    const { catalogue, plan, rowsByCode, targets } = await makePlan(tx, opts);
    const entries = new Map(catalogue.indicators.map((e) => [e.code, e]));
    let observations = 0;
    const warnings: string[] = [];
    const recompute = async (row: IndicatorRow) => {
      try {
        const r = await recomputeIndicator(tx, row, { missingInputs: 'clear' });
        observations += r.cells;
        warnings.push(...r.warnings.map((w) => `${row.code}: ${w}`));
      } catch (e) {
        if (!(e instanceof ComputeError)) throw e;
        warnings.push(`${row.code}: ${e.message} – der Indikator bleibt ohne Werte.`);
      }
      const dependents = await recomputeDependents(tx, [row.id]);
      if (dependents.length) warnings.push(`${row.code}: neu berechnet auch ${dependents.join(', ')}`);
    };
    for (const item of plan.items) {
      const entry = entries.get(item.code)!;
      const target = targets.get(item.code);
      if (item.action === 'create' && target) {
        const def = storedDefinition(item.code, target);
        const drivingInput = def.inputs[def.periodsFrom!]!.indicator;
        const row = await insertIndicator(tx, {
          code: item.code,
          ...rowValues(target),
          periodType: entry.periodType ?? rowsByCode.get(drivingInput)?.periodType ?? 'year',
          computed: def,
          // A rate is not a count: its small values are protected through its inputs.
          sdcThreshold: 0,
        });
        await insertCatalogueLink(tx, {
          indicatorId: row.id,
          catalogueId: catalogue.id,
          catalogueVersion: catalogue.version,
          variant: item.variant,
          base: target as unknown as Record<string, unknown>,
        });
        await recompute(row);
        continue;
      }
      const row = rowsByCode.get(item.code);
      if (!row || !target || !['update', 'unchanged', 'keep_local'].includes(item.action)) continue;
      if (item.action === 'update') {
        const merged: OwnedFields = { ...currentFields(row) };
        for (const c of item.changes) {
          if (c.outcome !== 'keep_local')
            (merged as unknown as Record<string, unknown>)[c.field] = c.catalogue;
        }
        const updated = await updateIndicatorRow(tx, row.id, {
          ...rowValues(merged),
          computed: storedDefinition(item.code, merged),
        });
        if (
          item.changes.some((c) => c.outcome !== 'keep_local' && ['definition', 'decimals'].includes(c.field))
        ) {
          await recompute(updated);
        }
      }
      // The new catalogue version is the base of the next merge (kept local edits stay local edits).
      await updateCatalogueLink(tx, row.id, {
        catalogueVersion: catalogue.version,
        variant: item.variant,
        base: target as unknown as Record<string, unknown>,
      });
    }
    return { ...plan, observations, warnings, status: await catalogueStatus(tx, catalogue) };
  });
}
