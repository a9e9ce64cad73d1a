/**
 * `dkbm entitlement plan`: the entitlement plan of a municipality (one row per scenario, planning unit,
 * school year and scope, with the city totals) as CSV, XLSX or JSON. All logic lives in
 * modules/entitlement; this file only parses options and prints.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { HttpError } from '../platform/http/errors';
import { tenantScope } from '../platform/tenancy/scope';
import { computePlan, listScenarios } from '../modules/entitlement/entitlement.service';
import { planCsv, planXlsx } from '../modules/entitlement/entitlement.exports';
import { CliError, withRuntime } from './common';
import { tenantOf } from './monitoring';

const FORMATS = ['csv', 'xlsx', 'json'] as const;
type Format = (typeof FORMATS)[number];

export function registerEntitlementCommands(program: Command): void {
  const ent = program.command('entitlement').description('Rechtsanspruch & Plätze (Ganztag, Kita)');
  ent
    .command('plan')
    .description(
      'Plan je Szenario, Planungseinheit und Schuljahr: Anspruchsberechtigte, Bedarf, Plätze, Lücke (mit Stadtsumme)',
    )
    .option('--tenant <slug>', 'Kommune (nötig, wenn es mehrere gibt)')
    .option('--scenario <name>', 'nur dieses Szenario (Name)')
    .option('--format <format>', 'csv, xlsx oder json', 'csv')
    .option('--out <datei>', 'in diese Datei schreiben statt auf die Standardausgabe')
    .action(async (o: { tenant?: string; scenario?: string; format: string; out?: string }, cmd: Command) => {
      if (!(FORMATS as readonly string[]).includes(o.format)) {
        throw new CliError(
          `Unbekanntes Format „${o.format.slice(0, 20)}“. Erlaubt: ${FORMATS.join(', ')}.`,
          2,
        );
      }
      const format = o.format as Format;
      if (format === 'xlsx' && !o.out && process.stdout.isTTY) {
        throw new CliError('XLSX ist eine Binärdatei: bitte mit --out <datei> schreiben.', 2);
      }
      await withRuntime(cmd, async (rt) => {
        const tenant = await tenantOf(rt.database.db, o.tenant);
        const s = tenantScope(rt.database.db, tenant.id);
        let scenarioId: string | undefined;
        if (o.scenario) {
          const all = await listScenarios(s);
          const found = all.find((x) => x.name === o.scenario);
          if (!found) {
            throw new CliError(
              `Szenario „${o.scenario.slice(0, 60)}“ nicht gefunden (vorhanden: ${all.map((x) => x.name).join(', ') || 'keine'}).`,
              2,
            );
          }
          scenarioId = found.id;
        }
        let plan;
        try {
          plan = await computePlan(s, { scenarioId });
        } catch (e) {
          if (e instanceof HttpError) throw new CliError(e.message, 2);
          throw e;
        }
        const out =
          format === 'csv'
            ? planCsv(plan)
            : format === 'xlsx'
              ? await planXlsx(plan, tenant.name)
              : Buffer.from(`${JSON.stringify(plan, null, 2)}\n`, 'utf8');
        if (o.out) {
          fs.writeFileSync(path.resolve(o.out), out);
          console.error(`${plan.rows.length + plan.totals.length} Zeilen nach ${o.out} geschrieben.`);
        } else {
          // Wait until the pipe took everything: the CLI exits right after the action.
          await new Promise<void>((resolve, reject) =>
            process.stdout.write(out, (e) => (e ? reject(e) : resolve())),
          );
        }
      });
    });
}
