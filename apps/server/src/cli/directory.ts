/**
 * `dkbm directory import <datei>`: a list of places into the Bildungswegweiser. All logic lives in
 * modules/directory/entries.service.ts; this file only reads the file, parses options and prints.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  directoryImportMappingSchema,
  directoryImportPresetSchema,
  type DirectoryImportMapping,
} from '@dkbm/contract';
import { HttpError } from '../platform/http/errors';
import { tenantScope } from '../platform/tenancy/scope';
import { importDirectoryList } from '../modules/directory/entries.service';
import { remindProviders } from '../modules/directory/providers.service';
import { CliError, say, withRuntime } from './common';
import { tenantOf } from './monitoring';

const nf = new Intl.NumberFormat('de-DE');

/** `--mapping`: JSON text or the name of a JSON file, checked against the contract's mapping schema. */
function readMapping(arg: string): DirectoryImportMapping {
  let text = arg;
  if (!arg.trimStart().startsWith('{')) {
    try {
      text = fs.readFileSync(path.resolve(arg), 'utf8');
    } catch {
      throw new CliError(`--mapping: ${arg}: weder JSON noch eine lesbare Datei.`, 2);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`--mapping: kein gültiges JSON (${(e as Error).message.slice(0, 120)}).`, 2);
  }
  const r = directoryImportMappingSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new CliError(`--mapping: Feld „${i.path.join('.') || '?'}“: ${i.message.slice(0, 160)}`, 2);
  }
  return r.data;
}

export function registerDirectoryCommands(program: Command): void {
  const directory = program.command('directory').description('Bildungswegweiser / education directory');
  directory
    .command('import')
    .description(
      'Liste von Orten (CSV, GeoJSON oder XLSX, z. B. Kitaliste Berlin) in den Wegweiser übernehmen',
    )
    .argument('<datei>', 'CSV-, GeoJSON- oder XLSX-Datei')
    .option('--tenant <slug>', 'Kommune')
    .option('--preset <name>', `Spaltenbelegung (${directoryImportPresetSchema.options.join(', ')})`, 'auto')
    .option(
      '--mapping <json>',
      'Spaltenzuordnung als JSON oder JSON-Datei, z. B. {"name":"Einrichtung","street":"Straße",…} (docs/directory.md)',
    )
    .option('--dry-run', 'nur prüfen und berichten, nichts speichern')
    .action(
      async (
        file: string,
        o: { tenant?: string; preset: string; mapping?: string; dryRun?: boolean },
        cmd: Command,
      ) => {
        const preset = directoryImportPresetSchema.safeParse(o.preset);
        if (!preset.success) {
          throw new CliError(
            `Unbekannte Spaltenbelegung „${o.preset}“. Erlaubt: ${directoryImportPresetSchema.options.join(', ')}.`,
            2,
          );
        }
        const mapping = o.mapping === undefined ? undefined : readMapping(o.mapping);
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(path.resolve(file));
        } catch {
          throw new CliError(`${file}: Datei nicht gefunden oder nicht lesbar.`, 2);
        }
        const xlsx = /\.xlsx$/i.test(file);
        await withRuntime(cmd, async (rt) => {
          const tenant = await tenantOf(rt.database.db, o.tenant);
          let r;
          try {
            r = await importDirectoryList(tenantScope(rt.database.db, tenant.id), {
              fileName: path.basename(file),
              ...(xlsx ? { xlsxBase64: bytes.toString('base64') } : { csv: bytes.toString('utf8') }),
              preset: preset.data,
              ...(mapping ? { mapping } : {}),
              dryRun: !!o.dryRun,
            });
          } catch (e) {
            if (e instanceof HttpError && e.statusCode === 400) throw new CliError(e.message, 2);
            throw e;
          }
          say(
            `${r.dryRun ? 'Probelauf' : 'Import'} (${r.preset}): ${nf.format(r.rows)} Zeilen, ` +
              `${nf.format(r.taken)} ${r.dryRun ? 'würden übernommen' : 'übernommen'} ` +
              `(${nf.format(r.inAreas)} in einem Gebiet), ${nf.format(r.refused)} abgelehnt, ${nf.format(r.duplicates)} doppelt.`,
          );
          for (const p of r.problems) say(`  Zeile ${p.line}, Spalte ${p.field}: ${p.message}`);
          if (r.dryRun) say('Probelauf: es wurde nichts geändert.');
        });
      },
    );

  directory
    .command('reminders')
    .description(
      'Anbieter an ablaufende Angebote erinnern (Postausgang im Arbeitsbereich; täglich per cron aufrufbar)',
    )
    .option('--tenant <slug>', 'Kommune')
    .option('--days <n>', 'Angebote, deren „gültig bis“ in so vielen Tagen oder früher liegt', '14')
    .option('--dry-run', 'nur auflisten, nichts in den Postausgang schreiben')
    .action(async (o: { tenant?: string; days: string; dryRun?: boolean }, cmd: Command) => {
      const days = Number(o.days);
      if (!Number.isInteger(days) || days < 0 || days > 365)
        throw new CliError(`--days: ganze Zahl von 0 bis 365 erwartet, nicht „${o.days}“.`, 2);
      await withRuntime(cmd, async (rt) => {
        const tenant = await tenantOf(rt.database.db, o.tenant);
        const r = await remindProviders(tenantScope(rt.database.db, tenant.id), {
          days,
          dryRun: !!o.dryRun,
        });
        for (const e of r.entries)
          say(`  ${e.provider}: ${e.name} – gültig bis ${e.validUntil.split('-').toReversed().join('.')}`);
        say(
          r.dryRun
            ? `Probelauf: ${nf.format(r.entries.length)} Einträge, ${nf.format(r.messages)} Erinnerungen würden geschrieben.`
            : `${nf.format(r.messages)} Erinnerungen in den Postausgang geschrieben (${nf.format(r.entries.length)} Einträge).`,
        );
      });
    });
}
