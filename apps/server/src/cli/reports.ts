import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { reportFormatSchema, type ReportFormat } from '@dkbm/contract';
import { tenantScope } from '../platform/tenancy/scope';
import { HttpError } from '../platform/http/errors';
import { closePdfBrowser, printPdf } from '../platform/pdf';
import { getReport, listReports } from '../modules/reports/reports.service';
import { renderReport } from '../modules/reports/outputs';
import { imagesOfReport } from '../modules/reports/images.service';
import { CliError, say, withRuntime } from './common';
import { tenantOf } from './monitoring';

/** `dkbm report render <id> --format pdf|docx|html --output <file> --tenant <slug>` */
export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('Bildungsberichte / education reports');
  report
    .command('list')
    .description('Berichte mit Id, Zeitraum und Status auflisten')
    .option('--tenant <slug>', 'Kommune')
    .action(async (o: { tenant?: string }, cmd: Command) => {
      await withRuntime(cmd, async (rt) => {
        const tenant = await tenantOf(rt.database.db, o.tenant);
        const list = await listReports(tenantScope(rt.database.db, tenant.id), 'editor');
        if (!list.length) say('Noch keine Berichte.');
        for (const r of list) say(`${r.id}\t${r.period}\t${r.status}\t${r.title}`);
      });
    });
  report
    .command('render')
    .argument('<id>', 'Id des Berichts (aus der Adresse im Arbeitsbereich)')
    .description('Bericht als HTML, PDF oder Word-Datei (DOCX) ausgeben')
    .addOption(
      new Option('--format <format>', 'Ausgabeformat').choices(['pdf', 'docx', 'html']).default('pdf'),
    )
    .requiredOption('--output <file>', 'Zieldatei')
    .option('--tenant <slug>', 'Kommune')
    .action(async (id: string, o: { format: string; output: string; tenant?: string }, cmd: Command) => {
      const format = reportFormatSchema.parse(o.format) as ReportFormat;
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new CliError(`${id}: keine gültige Berichts-Id.`, 2);
      const out = path.resolve(o.output);
      if (!fs.existsSync(path.dirname(out))) throw new CliError(`${o.output}: Ordner nicht gefunden.`, 2);
      await withRuntime(cmd, async (rt) => {
        const tenant = await tenantOf(rt.database.db, o.tenant);
        try {
          const scope = tenantScope(rt.database.db, tenant.id);
          const r = await getReport(scope, id, 'editor');
          const images = await imagesOfReport(scope, r);
          const bytes = await renderReport(r, tenant.name, format, { render: printPdf }, undefined, images);
          fs.writeFileSync(out, bytes);
          say(`${r.title}: ${format.toUpperCase()} geschrieben nach ${out} (${bytes.length} Bytes).`);
        } catch (e) {
          if (e instanceof HttpError) throw new CliError(e.message, e.statusCode === 404 ? 2 : 1);
          throw e;
        } finally {
          await closePdfBrowser();
        }
      });
    });
}
