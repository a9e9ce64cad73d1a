/**
 * `dkbm catalogue list|apply`: the Kennzahlenkatalog from the command line. All logic lives in
 * modules/monitoring/catalogue.service.ts; this file only parses options and prints.
 */
import path from 'node:path';
import type { Command } from 'commander';
import {
  INDICATOR_TIER_LABELS,
  INDICATOR_TOPIC_LABELS,
  indicatorTopicSchema,
  type IndicatorTopic,
} from '@dkbm/contract';
import { DefinitionError, needsLocalData, type Catalogue } from '@dkbm/domain';
import { HttpError } from '../platform/http/errors';
import { tenantScope } from '../platform/tenancy/scope';
import {
  applyCatalogue,
  catalogueStatus,
  planCatalogue,
  readCatalogue,
  shippedCatalogue,
  type CatalogueOptions,
  type CataloguePlan,
  type CatalogueStatus,
  type FieldChange,
  type PlanAction,
} from '../modules/monitoring/catalogue.service';
import { CliError, withRuntime } from './common';
import { tenantOf } from './monitoring';

const nf = new Intl.NumberFormat('de-DE');

const STATE_LABELS = {
  not_applied: 'nicht angelegt',
  complete: 'vollständig',
  incomplete: 'unvollständig',
  code_taken: 'Code belegt',
} as const;

const ACTION_LABELS: Record<PlanAction, string> = {
  create: 'neu',
  update: 'geändert',
  unchanged: 'unverändert',
  keep_local: 'lokal geändert, beibehalten',
  skip_code_taken: 'übersprungen',
  skip_newer_version: 'übersprungen',
  skip_no_data: 'übersprungen',
};

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function loadCatalogue(file: string | undefined): Catalogue {
  try {
    return file ? readCatalogue(path.resolve(file)) : shippedCatalogue();
  } catch (e) {
    if (e instanceof DefinitionError) throw new CliError(e.message, 2);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CliError(`${file}: Datei nicht gefunden.`, 2);
    throw e;
  }
}

function checkTopics(topics: string[]): IndicatorTopic[] {
  for (const t of topics) {
    if (!indicatorTopicSchema.safeParse(t).success) {
      throw new CliError(
        `Unbekanntes Themenfeld „${t}“. Erlaubt: ${indicatorTopicSchema.options.join(', ')}.`,
        2,
      );
    }
  }
  return topics as IndicatorTopic[];
}

function short(v: unknown): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'object' && v !== null && 'formula' in v)
    return String((v as { formula: string }).formula);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const one = s.replace(/\s+/g, ' ');
  return one.length > 70 ? `${one.slice(0, 69)}…` : one;
}

function printChange(c: FieldChange) {
  const what =
    c.outcome === 'apply'
      ? `${short(c.local)} → ${short(c.catalogue)}`
      : c.outcome === 'overwrite'
        ? `lokal „${short(c.local)}“ ersetzt durch „${short(c.catalogue)}“`
        : `lokal „${short(c.local)}“ bleibt; Katalog: „${short(c.catalogue)}“`;
  console.log(`      ${c.label}: ${what}`);
}

function printPlan(plan: CataloguePlan) {
  console.log(`${plan.catalogue.title}, Fassung ${plan.catalogue.version}`);
  for (const i of plan.items) {
    const variant = i.variant === 'local' ? ' [kleinräumig, kommunale Daten]' : '';
    console.log(`  ${ACTION_LABELS[i.action].padEnd(28)} ${i.code} – ${i.name}${variant}`);
    if (i.reason) console.log(`      ${i.reason}`);
    for (const c of i.changes) printChange(c);
  }
  const c = plan.counts;
  console.log(
    `${c.create} neu, ${c.update} geändert, ${c.unchanged} unverändert, ${c.keep_local} mit beibehaltenen lokalen Änderungen, ` +
      `${c.skip_code_taken + c.skip_newer_version + c.skip_no_data} übersprungen.`,
  );
  const kept = plan.items.filter((i) => i.changes.some((x) => x.outcome === 'keep_local')).map((i) => i.code);
  if (kept.length) {
    console.log(
      `Lokale Änderungen beibehalten bei: ${kept.join(', ')}. Katalogwerte übernehmen mit --overwrite ${kept.join(',')}.`,
    );
  }
}

function printChecklist(status: CatalogueStatus) {
  const open = status.checklist.filter((c) => c.state !== 'present');
  if (!open.length) {
    if (status.checklist.length) console.log('Alle benötigten Tabellen und Daten sind vorhanden.');
    return;
  }
  console.log('Noch fehlende Daten:');
  for (const c of open) {
    const state = c.state === 'partial' ? 'teilweise' : 'fehlt';
    console.log(
      `  [${state}] ${c.source} – ${c.title}${c.title.includes(c.reference) ? '' : ` (${c.reference})`}`,
    );
    console.log(`      für: ${c.neededBy.join(', ')}`);
    if (c.url) console.log(`      herunterladen: ${c.url} (Format CSV, dann: dkbm import <datei>)`);
    if (c.howTo) console.log(`      so geht’s: ${c.howTo}`);
  }
}

function describeError(e: unknown): CliError {
  if (e instanceof HttpError) return new CliError(e.message, e.statusCode === 400 ? 2 : 1);
  return e instanceof CliError ? e : new CliError((e as Error).message, 1);
}

export function registerCatalogueCommands(program: Command) {
  const cat = program
    .command('catalogue')
    .description('Kennzahlenkatalog: Indikatoren mit Definition und Quellen übernehmen');

  cat
    .command('list')
    .description(
      'Indikatoren des Katalogs nach Themenfeld; mit --tenant ihr Stand in der Kommune und die fehlenden Tabellen',
    )
    .option('--tenant <slug>', 'Kommune: Stand der Katalogindikatoren und Checkliste zeigen')
    .option('--topics <liste>', 'nur diese Themenfelder (Komma-getrennt)', list)
    .option('--file <datei>', 'anderer Katalog (YAML) statt des mitgelieferten')
    .action(async (o: { tenant?: string; topics?: string[]; file?: string }, cmd: Command) => {
      const catalogue = loadCatalogue(o.file);
      const topics = checkTopics(o.topics ?? []);
      const show = (t: IndicatorTopic) => !topics.length || topics.includes(t);
      if (!o.tenant) {
        console.log(
          `${catalogue.title}, Fassung ${catalogue.version} vom ${catalogue.date.split('-').toReversed().join('.')}`,
        );
        for (const topic of indicatorTopicSchema.options.filter(show)) {
          const entries = catalogue.indicators.filter((e) => e.meta.topic === topic);
          if (!entries.length) continue;
          console.log(`\n${INDICATOR_TOPIC_LABELS[topic].de}`);
          for (const e of entries) {
            const local = needsLocalData(catalogue, e)
              ? ' – braucht kommunale Daten'
              : e.meta.local
                ? ' – auch kleinräumig'
                : '';
            console.log(
              `  ${e.code} – ${e.name.de} [${e.unit}] (${INDICATOR_TIER_LABELS[e.meta.tier].de}; Quellen ${e.meta.sources.join(', ')})${local}`,
            );
          }
        }
        return;
      }
      await withRuntime(cmd, async (rt) => {
        const tenant = await tenantOf(rt.database.db, o.tenant);
        const status = await catalogueStatus(tenantScope(rt.database.db, tenant.id), catalogue);
        console.log(`${catalogue.title}, Fassung ${catalogue.version} – ${tenant.name} (${tenant.slug})`);
        for (const e of status.entries.filter((x) => show(x.topic))) {
          const extra = [
            e.appliedVersion !== null && e.appliedVersion !== catalogue.version
              ? `Fassung ${e.appliedVersion}`
              : '',
            e.variant === 'local' ? 'kleinräumig' : '',
            e.locallyEdited.length ? `lokal geändert: ${e.locallyEdited.join(', ')}` : '',
            e.state === 'complete' ? `${nf.format(e.observations)} Werte` : '',
            ...e.inputs.filter((i) => i.problem).map((i) => `${i.indicator}: ${i.problem}`),
          ].filter(Boolean);
          console.log(
            `  ${STATE_LABELS[e.state].padEnd(15)} ${e.code} – ${e.name}${extra.length ? ` (${extra.join('; ')})` : ''}`,
          );
        }
        if (status.removed.length) {
          console.log(`Nicht mehr im Katalog (bleiben erhalten): ${status.removed.join(', ')}`);
        }
        printChecklist(status);
      });
    });

  cat
    .command('apply')
    .description(
      'Indikatoren des Katalogs in einer Kommune anlegen oder auf eine neuere Fassung bringen (lokale Änderungen bleiben)',
    )
    .option('--tenant <slug>', 'Kommune (nötig, wenn es mehrere gibt)')
    .option('--topics <liste>', 'nur diese Themenfelder (Komma-getrennt), z. B. fruehkindliche_bildung', list)
    .option('--codes <liste>', 'nur diese Indikatoren (Komma-getrennt)', list)
    .option('--file <datei>', 'anderer Katalog (YAML) statt des mitgelieferten')
    .option('--local', 'kleinräumige Variante aus kommunalen Daten bevorzugen, wo es sie gibt')
    .option('--only-with-data', 'nur Indikatoren anlegen, deren Eingangsdaten schon vorhanden sind')
    .option('--overwrite <liste>', 'lokale Änderungen dieser Indikatoren durch den Katalog ersetzen', list)
    .option('--overwrite-all', 'alle lokalen Änderungen durch den Katalog ersetzen')
    .option('--dry-run', 'nur zeigen, was sich ändern würde')
    .action(
      async (
        o: {
          tenant?: string;
          topics?: string[];
          codes?: string[];
          file?: string;
          local?: boolean;
          onlyWithData?: boolean;
          overwrite?: string[];
          overwriteAll?: boolean;
          dryRun?: boolean;
        },
        cmd: Command,
      ) => {
        const catalogue = loadCatalogue(o.file);
        const opts: CatalogueOptions = {
          catalogue,
          topics: checkTopics(o.topics ?? []),
          ...(o.codes ? { codes: o.codes } : {}),
          ...(o.local ? { prefer: 'local' as const } : {}),
          ...(o.onlyWithData ? { onlyWithData: true } : {}),
          ...(o.overwriteAll ? { overwrite: 'all' as const } : o.overwrite ? { overwrite: o.overwrite } : {}),
        };
        await withRuntime(cmd, async (rt) => {
          const db = rt.database.db;
          const tenant = await tenantOf(db, o.tenant);
          console.log(`Kennzahlenkatalog in ${tenant.name} (${tenant.slug})`);
          try {
            if (o.dryRun) {
              printPlan(await planCatalogue(tenantScope(db, tenant.id), opts));
              console.log('Probelauf: es wurde nichts geändert.');
              return;
            }
            const r = await applyCatalogue(tenantScope(db, tenant.id), opts);
            printPlan(r);
            console.log(`${nf.format(r.observations)} Werte berechnet.`);
            for (const w of r.warnings) console.log(`Hinweis: ${w}`);
            printChecklist(r.status);
          } catch (e) {
            const err = describeError(e);
            throw new CliError(`${err.message}\nEs wurde nichts geändert.`, err.exitCode);
          }
        });
      },
    );
}
