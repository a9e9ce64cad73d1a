import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import {
  areaLevelSchema,
  AREA_LEVEL_LABELS,
  KEY_ISSUE_LABELS,
  type AreaLevel,
  type ImportAnalysis,
  type ImportOptions,
  type ImportResult,
  type KeyReport,
  tidyMappingSchema,
  type TidyMapping,
  validationProblem,
} from '@dkbm/contract';
import { boundedMessage, ImportFileError, listSummary } from '@dkbm/domain';
import type { Db } from '../platform/db/client';
import { tenantScope } from '../platform/tenancy/scope';
import { listTenants } from '../modules/tenants/tenants.service';
import { HttpError } from '../platform/http/errors';
import {
  analyzeRun,
  commitRun,
  createRun,
  internalMessage,
  loadRun,
  removeRun,
} from '../modules/imports/runs.service';
import { findIndicatorByCode, listIndicators } from '../modules/monitoring/catalog.service';
import { applyDefinitions } from '../modules/monitoring/computed.service';
import {
  internalObservations,
  publicObservations,
  thresholdOf,
} from '../modules/monitoring/observations.service';
import {
  exportFileBase,
  noticeOf,
  noticeTitle,
  tidyRows,
  toGermanCsv,
  toJson,
  toXlsx,
} from '../modules/monitoring/export.service';
import { CliError, say, withRuntime } from './common';

const nf = new Intl.NumberFormat('de-DE');

/** The tenant by slug; without --tenant the only tenant (or an error listing them). */
export async function tenantOf(db: Db, slug: string | undefined) {
  const all = await listTenants(db);
  if (slug) {
    const t = all.find((x) => x.slug === slug);
    if (!t) throw new CliError(`Kommune „${slug}“ nicht gefunden (dkbm tenant list).`, 2);
    return t;
  }
  if (all.length === 1) return all[0]!;
  throw new CliError(
    `Bitte die Kommune mit --tenant <kürzel> angeben (vorhanden: ${all.map((t) => t.slug).join(', ') || 'keine'}).`,
    2,
  );
}

function printKeyReport(r: KeyReport) {
  say(
    `Gebietsschlüssel: ${nf.format(r.matched)} zugeordnet, ${nf.format(r.mapped)} über Zuordnungstabelle, ` +
      `${nf.format(r.created.length)} neu angelegt, ${nf.format(r.unmatched.length)} nicht zugeordnet`,
  );
  for (const c of r.created.slice(0, 20)) {
    say(`  neu      ${c.code.padEnd(12)} ${AREA_LEVEL_LABELS[c.level].de.padEnd(26)} ${c.name ?? ''}`);
  }
  if (r.created.length > 20) say(`  … und ${r.created.length - 20} weitere neue Gebiete`);
  for (const u of r.unmatched) {
    say(
      `  FEHLT    ${u.code.padEnd(12)} ${KEY_ISSUE_LABELS[u.reason].de}${u.hint ? ` (${u.hint})` : ''}` +
        `${u.name ? ` – ${u.name}` : ''}, ${nf.format(u.count)} Werte` +
        `${u.suggestion ? ` → Vorschlag: ${u.suggestion.code} ${u.suggestion.name}` : ''}`,
    );
  }
  for (const m of r.missingInFile ?? []) {
    say(`  OHNE GRENZE ${m.code.padEnd(9)} ${m.name} (Gebiet mit Daten, in der Datei nicht enthalten)`);
  }
}

function printAnalysis(a: ImportAnalysis) {
  if (a.kind === 'statistics') {
    const title = typeof a.meta.title === 'string' ? a.meta.title : '';
    say(
      `Format: ${a.format}${a.meta.tableCode ? `, Tabelle ${String(a.meta.tableCode)}` : ''}${title ? ` – ${title}` : ''}`,
    );
    say(
      `${nf.format(a.rows)} Werte, ${a.periods.length} Zeiträume (${a.periods[0] ?? '–'} … ${a.periods.at(-1) ?? '–'})`,
    );
    for (const m of a.measures) {
      say(
        `  Indikator ${m.suggestedCode} – ${m.name}${m.unit ? ` [${m.unit}]` : ''}${m.existingIndicatorId ? ' (vorhanden: Werte werden ergänzt/ersetzt)' : ' (neu)'}`,
      );
    }
    for (const d of a.dimensions) {
      say(
        `  Merkmal ${d.key} – ${d.name}${d.named ? '' : ' (ohne Namen in der Datei)'}: ${d.values.map((v) => v.label).join(', ')}`,
      );
    }
    const flags = Object.entries(a.flags);
    if (flags.length) say(`  Zeichen: ${flags.map(([f, n]) => `„${f}“ ${nf.format(n)}×`).join(', ')}`);
  } else {
    say(
      `Format: ${a.format}, ${nf.format(a.features)} Flächen, Koordinatensystem ${a.crs.crs} (${a.crs.reason})`,
    );
    say(
      `  Ebene ${AREA_LEVEL_LABELS[a.level].de}, Schlüssel „${a.keyProperty}“, Name „${a.nameProperty ?? '–'}“`,
    );
  }
  for (const w of a.warnings) say(`  Hinweis: ${w}`);
  printKeyReport(a.keys);
}

function progressPrinter() {
  let last = -1;
  return (percent: number, text: string) => {
    if (!process.stderr.isTTY) return;
    if (percent === last) return;
    last = percent;
    const width = 30;
    const done = Math.round((percent / 100) * width);
    process.stderr.write(
      `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${String(percent).padStart(3)} % ${text.padEnd(40).slice(0, 40)}`,
    );
  };
}

function printResult(r: ImportResult) {
  if (process.stderr.isTTY) process.stderr.write('\n');
  say(
    `Übernommen: ${nf.format(r.observations.inserted)} neue Werte, ${nf.format(r.observations.replaced)} ersetzt, ` +
      `${nf.format(r.observations.skipped)} ausgelassen; ${nf.format(r.areas.created)} Gebiete angelegt, ${nf.format(r.areas.versions)} Gebietsstände; ${nf.format(r.seconds)} s`,
  );
  if (r.indicators.created.length) say(`Neue Indikatoren: ${r.indicators.created.join(', ')}`);
  if (r.indicators.updated.length) say(`Ergänzte Indikatoren: ${r.indicators.updated.join(', ')}`);
  if (r.recomputed.length) say(`Neu berechnet: ${r.recomputed.join(', ')}`);
  for (const w of r.warnings) say(`Hinweis: ${w}`);
}

/** A German message of bounded length; internal (English) errors are summarised, never printed raw. */
function describeError(e: unknown, fileName = 'Import'): string {
  if (e instanceof ImportFileError || e instanceof HttpError || e instanceof CliError) {
    return boundedMessage(e.message);
  }
  return internalMessage(e, fileName);
}

export function registerMonitoringCommands(program: Command) {
  program
    .command('import')
    .argument(
      '<file>',
      'GENESIS-Tabelle, GENESIS-Flatfile, CSV/XLSX, GeoJSON, TopoJSON, KML oder Shapefile (ZIP)',
    )
    .description(
      'Datei importieren: Format erkennen, prüfen, Schlüsselbericht ausgeben, übernehmen (alles oder nichts)',
    )
    .option('--tenant <slug>', 'Kommune (nötig, wenn es mehrere gibt)')
    .addOption(
      new Option('--level <level>', 'Ebene der Gebietsschlüssel (Grenzen, CSV/XLSX)').choices(
        areaLevelSchema.options,
      ),
    )
    .option('--mapping <json>', 'Spaltenzuordnung für CSV/XLSX als JSON-Datei (siehe docs/monitoring.md)')
    .option('--key-property <name>', 'Grenzen: Merkmal mit dem Gebietsschlüssel')
    .option('--name-property <name>', 'Grenzen: Merkmal mit dem Gebietsnamen')
    .option('--crs <epsg>', 'Grenzen: Koordinatensystem der Datei, z. B. EPSG:25833')
    .option('--layer <name>', 'TopoJSON: zu lesendes Objekt')
    .option('--valid-from <date>', 'Grenzen: gültig ab (JJJJ-MM-TT)')
    .option('--valid-to <date>', 'Grenzen: gültig bis (JJJJ-MM-TT)')
    .option(
      '--create-areas',
      'unbekannte Schlüssel als neue Gebiete anlegen (Standard: nur, wenn die meisten Schlüssel der Datei in der Kommune liegen)',
    )
    .option('--no-create-areas', 'unbekannte Schlüssel nicht als neue Gebiete anlegen')
    .option('--skip-unmatched', 'nicht zugeordnete Schlüssel auslassen (stehen im Bericht)')
    .option('--dry-run', 'nur prüfen und berichten, nichts übernehmen')
    .action(
      async (
        file: string,
        o: {
          tenant?: string;
          level?: AreaLevel;
          mapping?: string;
          keyProperty?: string;
          nameProperty?: string;
          crs?: string;
          layer?: string;
          validFrom?: string;
          validTo?: string;
          createAreas?: boolean;
          skipUnmatched?: boolean;
          dryRun?: boolean;
        },
        cmd: Command,
      ) => {
        const abs = path.resolve(file);
        if (!fs.existsSync(abs)) throw new CliError(`${file}: Datei nicht gefunden.`, 2);
        const bytes = new Uint8Array(fs.readFileSync(abs));
        let mapping: TidyMapping | undefined;
        if (o.mapping) {
          let raw: unknown;
          try {
            raw = JSON.parse(fs.readFileSync(path.resolve(o.mapping), 'utf8'));
          } catch (e) {
            // Bad content of a given file: exit code 1 (README); the parser's English text stays out.
            const at = /position (\d+)/.exec((e as Error).message)?.[1];
            throw new CliError(
              `${o.mapping}: Die Spaltenzuordnung ist kein gültiges JSON${at ? ` (Zeichen ${at})` : ''}.`,
              1,
            );
          }
          const checked = tidyMappingSchema.safeParse(raw);
          if (!checked.success) {
            const first = validationProblem(
              'mapping',
              checked.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
            ).details[0];
            throw new CliError(
              `${o.mapping}: Die Spaltenzuordnung passt nicht. ${first?.message ?? ''}`.trim(),
              1,
            );
          }
          mapping = checked.data;
        }
        const options: ImportOptions = {
          ...(o.createAreas !== undefined ? { createAreas: o.createAreas } : {}),
          ...(o.skipUnmatched ? { skipUnmatched: true } : {}),
          ...(o.level ? { level: o.level } : {}),
          ...(mapping ? { mapping } : {}),
          ...(o.keyProperty ? { keyProperty: o.keyProperty } : {}),
          ...(o.nameProperty ? { nameProperty: o.nameProperty } : {}),
          ...(o.crs ? { crs: o.crs } : {}),
          ...(o.layer ? { layer: o.layer } : {}),
          ...(o.validFrom ? { validFrom: o.validFrom } : {}),
          ...(o.validTo ? { validTo: o.validTo } : {}),
        };
        await withRuntime(cmd, async (rt) => {
          const db = rt.database.db;
          const tenant = await tenantOf(db, o.tenant);
          let runId: string;
          try {
            runId = await createRun(tenantScope(db, tenant.id), {
              userId: null,
              via: 'cli',
              file: { name: path.basename(abs), bytes },
            });
          } catch (e) {
            // The file's kind or encoding is wrong: bad file content, exit code 1.
            throw new CliError(`${describeError(e, path.basename(abs))}\nEs wurde nichts geändert.`, 1);
          }
          let analysis: ImportAnalysis;
          const discard = () => removeRun(tenantScope(db, tenant.id), runId);
          try {
            analysis = await analyzeRun(rt.database, tenant.id, runId, options);
          } catch (e) {
            await discard();
            throw new CliError(`${describeError(e, path.basename(abs))}\nEs wurde nichts geändert.`, 1);
          }
          say(`Import in ${tenant.name} (${tenant.slug})`);
          if (analysis.kind === 'statistics' && analysis.needsMapping) {
            await discard();
            const insp = analysis.inspection as { columns?: string[] } | undefined;
            throw new CliError(
              `${path.basename(abs)}: Für diese Tabelle ist eine Spaltenzuordnung nötig (--mapping zuordnung.json). ` +
                `Spalten: ${listSummary(insp?.columns ?? [], 'weitere Spalten')}`,
              2,
            );
          }
          printAnalysis(analysis);
          if (o.dryRun) {
            await discard();
            say('Probelauf: es wurde nichts übernommen.');
            return;
          }
          const progress = progressPrinter();
          const timer = setInterval(() => {
            void loadRun(tenantScope(db, tenant.id), runId).then((r) =>
              progress(r.progress, r.progressText ?? ''),
            );
          }, 250);
          try {
            const result = await commitRun(rt.database, tenant.id, runId, options);
            printResult(result);
          } catch (e) {
            if (process.stderr.isTTY) process.stderr.write('\n');
            await discard();
            throw new CliError(`${describeError(e, path.basename(abs))}\nEs wurde nichts geändert.`, 1);
          } finally {
            clearInterval(timer);
          }
        });
      },
    );

  const ind = program.command('indicators').description('Indikatoren / indicators');
  ind
    .command('list')
    .description('Indikatoren mit Code, Name, Merkmalen und Zeiträumen auflisten')
    .option('--tenant <slug>', 'Kommune')
    .action(async (o: { tenant?: string }, cmd: Command) => {
      await withRuntime(cmd, async (rt) => {
        const tenant = await tenantOf(rt.database.db, o.tenant);
        const list = await listIndicators(tenantScope(rt.database.db, tenant.id), {});
        if (!list.length) {
          say('Noch keine Indikatoren. Importieren Sie eine Tabelle: dkbm import <datei>');
          return;
        }
        for (const i of list) {
          const c = i.coverage;
          say(
            `${i.code}\t${i.nameDe} [${i.unit}]${i.isComputed ? ' (berechnet)' : ''}\n` +
              `\tMerkmale: ${i.dimensions.map((d) => `${d.code} (${d.name})`).join(', ') || '–'}\n` +
              `\tZeiträume: ${c.periods} (${c.firstPeriod ?? '–'} … ${c.lastPeriod ?? '–'}), ${nf.format(c.observations)} Werte`,
          );
        }
      });
    });
  ind
    .command('apply')
    .argument('<file>', 'Definitionsdatei (YAML oder JSON, siehe docs/monitoring.md)')
    .description('Berechnete Indikatoren anlegen oder ändern und berechnen')
    .option('--tenant <slug>', 'Kommune')
    .action(async (file: string, o: { tenant?: string }, cmd: Command) => {
      const abs = path.resolve(file);
      if (!fs.existsSync(abs)) throw new CliError(`${file}: Datei nicht gefunden.`, 2);
      const text = fs.readFileSync(abs, 'utf8');
      await withRuntime(cmd, async (rt) => {
        const tenant = await tenantOf(rt.database.db, o.tenant);
        try {
          const r = await applyDefinitions(tenantScope(rt.database.db, tenant.id), text, path.basename(abs));
          say(
            `Angelegt: ${r.created.join(', ') || '–'}; geändert: ${r.updated.join(', ') || '–'}; ${nf.format(r.observations)} Werte berechnet.`,
          );
          for (const w of r.warnings) say(`Hinweis: ${w}`);
        } catch (e) {
          throw new CliError(`${describeError(e)}\nEs wurde nichts geändert.`, 1);
        }
      });
    });

  program
    .command('export')
    .argument('<code>', 'Code des Indikators (dkbm indicators list)')
    .description('Werte als Tabelle: indicator;area;area_name;period;<Merkmale>;value;flag')
    .addOption(new Option('--format <format>', 'Format').choices(['csv', 'xlsx', 'json']).default('csv'))
    .option('--tenant <slug>', 'Kommune')
    .option(
      '--output <file>',
      'Zieldatei oder vorhandener Ordner (dann mit Standardnamen, der „INTERN“ bzw. „oeffentlich“ enthält); ohne: Standardausgabe, bei XLSX nötig',
    )
    .option('--internal', 'ohne Schutz kleiner Fallzahlen (nur für den internen Gebrauch)', false)
    .action(
      async (
        code: string,
        o: { format: 'csv' | 'xlsx' | 'json'; tenant?: string; output?: string; internal: boolean },
        cmd: Command,
      ) => {
        if (o.format === 'xlsx' && !o.output)
          throw new CliError('Für XLSX bitte --output <datei.xlsx> angeben.', 2);
        await withRuntime(cmd, async (rt) => {
          const db = rt.database.db;
          const tenant = await tenantOf(db, o.tenant);
          const sc = tenantScope(db, tenant.id);
          const row = await findIndicatorByCode(sc, code);
          if (!row) throw new CliError(`Indikator „${code}“ nicht gefunden (dkbm indicators list).`, 2);
          const view = o.internal ? 'internal' : 'public';
          const obs = o.internal
            ? await internalObservations(sc, row, {})
            : await publicObservations(sc, row, {});
          const notice = noticeOf(view, 'all', view === 'public' ? await thresholdOf(sc, row) : 0, row, obs);
          const t = await tidyRows(sc, row, obs);
          const out =
            o.format === 'xlsx'
              ? await toXlsx(t, row, notice)
              : o.format === 'json'
                ? Buffer.from(JSON.stringify(toJson(t, row, notice), null, 2) + '\n', 'utf8')
                : toGermanCsv(t, notice);
          if (o.output) {
            let target = path.resolve(o.output);
            if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
              target = path.join(target, `${exportFileBase(row.code, notice)}.${o.format}`);
            }
            fs.writeFileSync(target, out);
            console.error(
              `${nf.format(t.records.length)} Zeilen geschrieben: ${path.relative(process.cwd(), target) || target} (${noticeTitle(notice)})`,
            );
            if (view === 'internal' && !/intern/i.test(path.basename(target))) {
              console.error(
                'Achtung: Die Datei enthält ungeschützte Werte, ihr Name sagt es aber nicht. ' +
                  `Vorschlag: ${exportFileBase(row.code, notice)}.${o.format}`,
              );
            }
          } else {
            if (view === 'internal') console.error(`${noticeTitle(notice)}: nur für den internen Gebrauch.`);
            process.stdout.write(out);
          }
        });
      },
    );
}
