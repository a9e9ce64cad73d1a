import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { csvDocument } from '@dkbm/domain';
import { tenantScope } from '../platform/tenancy/scope';
import { steeringExport } from '../modules/steering/export.service';
import { CliError, withRuntime } from './common';
import { tenantOf } from './monitoring';

/**
 * `dkbm steering export`: the steering data of a municipality (goals, targets with computed status,
 * recommendations, decisions, measures) as JSON or as CSV files, so it can take them elsewhere.
 */
export function registerSteeringCommands(program: Command) {
  const steering = program.command('steering').description('Ziele & Steuerung');
  steering
    .command('export')
    .description('Ziele, Zielwerte mit berechnetem Status, Empfehlungen, Beschlüsse und Maßnahmen ausgeben')
    .addOption(new Option('--format <format>', 'Format').choices(['json', 'csv']).default('json'))
    .option('--tenant <slug>', 'Kommune')
    .option(
      '--output <path>',
      'JSON: Zieldatei; CSV: vorhandener Ordner (fünf Dateien). Ohne: Standardausgabe (nur JSON)',
    )
    .action(async (o: { format: 'json' | 'csv'; tenant?: string; output?: string }, cmd: Command) => {
      if (o.format === 'csv' && !o.output)
        throw new CliError('Für CSV bitte --output <ordner> angeben (es entstehen fünf Dateien).', 2);
      await withRuntime(cmd, async (rt) => {
        const db = rt.database.db;
        const tenant = await tenantOf(db, o.tenant);
        const data = await steeringExport(tenantScope(db, tenant.id), tenant.slug);
        if (o.format === 'json') {
          const text = JSON.stringify(data, null, 2) + '\n';
          if (o.output) fs.writeFileSync(path.resolve(o.output), text);
          else process.stdout.write(text);
          return;
        }
        const dir = path.resolve(o.output!);
        if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
          throw new CliError(`--output: Ordner „${o.output}“ gibt es nicht.`, 2);
        const tables = csvTables(data);
        for (const [name, rows] of Object.entries(tables))
          fs.writeFileSync(path.join(dir, `${tenant.slug}-${name}.csv`), csvDocument(rows));
        process.stderr.write(`${Object.keys(tables).length} Dateien geschrieben: ${dir}\n`);
      });
    });
}

type Export = Awaited<ReturnType<typeof steeringExport>>;

/** One table per kind, German headers, exact decimals with a point. */
function csvTables(d: Export): Record<string, Array<Array<string | number | null>>> {
  const goalTitle = (id: string | null) => d.goals.find((g) => g.id === id)?.title ?? null;
  return {
    ziele: [
      [
        'id',
        'titel',
        'art',
        'uebergeordnet',
        'verantwortlich',
        'beginn',
        'ende',
        'status',
        'oeffentlich',
        'fortschritt',
      ],
      ...d.goals.map((g) => [
        g.id,
        g.title,
        g.kind,
        goalTitle(g.parentId),
        g.owner,
        g.periodStart,
        g.periodEnd,
        g.status,
        g.isPublic ? 'ja' : 'nein',
        g.progress.status,
      ]),
    ],
    zielwerte: [
      [
        'id',
        'ziel',
        'indikator',
        'raumeinheit',
        'merkmale',
        'richtung',
        'basiszeitraum',
        'basiswert',
        'zielzeitraum',
        'zielwert',
        'letzter_zeitraum',
        'letzter_wert',
        'status',
        'tatsaechliche_rate',
        'erforderliche_rate',
      ],
      ...d.goals.flatMap((g) =>
        g.targets.map((t) => [
          t.id,
          g.title,
          t.indicator.code,
          t.area.name,
          Object.entries(t.dims)
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
          t.direction,
          t.baselinePeriod,
          t.baselineValue,
          t.targetPeriod,
          t.targetValue,
          t.progress.latest?.period ?? null,
          t.progress.latest?.value ?? null,
          t.progress.status,
          t.progress.actualRate,
          t.progress.requiredRate,
        ]),
      ),
    ],
    empfehlungen: [
      [
        'id',
        'titel',
        'text',
        'begruendung',
        'fachbereiche',
        'ziele',
        'prioritaet',
        'status',
        'stellungnahme',
      ],
      ...d.recommendations.map((r) => [
        r.id,
        r.title,
        r.text,
        r.rationale,
        r.units.map((u) => u.name).join(' | '),
        r.goalIds.map((g) => goalTitle(g)).join(' | '),
        r.priority,
        r.status,
        r.statement,
      ]),
    ],
    beschluesse: [
      ['id', 'gremium', 'datum', 'nummer', 'wortlaut', 'dokument', 'ergebnisse'],
      ...d.decisions.map((x) => [
        x.id,
        x.body,
        x.decidedOn,
        x.number,
        x.wording,
        x.documentUrl,
        x.outcomes.map((o) => `${o.recommendationId}=${o.outcome}`).join(','),
      ]),
    ],
    massnahmen: [
      [
        'id',
        'titel',
        'verantwortlich',
        'partner',
        'beginn',
        'ende',
        'status',
        'budget_geplant',
        'budget_verausgabt',
        'ziele',
        'empfehlung',
        'meilensteine',
        'fortschrittsvermerke',
      ],
      ...d.measures.map((m) => [
        m.id,
        m.title,
        m.responsibleUnit?.name ?? null,
        m.partners,
        m.startOn,
        m.endOn,
        m.status,
        m.budgetPlanned,
        m.budgetSpent,
        m.goalIds.map(goalTitle).join(' | '),
        m.recommendationId,
        m.milestones
          .map((s) => `${s.dueOn} ${s.title}${s.doneOn ? ` (erledigt ${s.doneOn})` : ''}`)
          .join(' | '),
        m.notes.map((n) => `${n.notedOn} ${n.text}`).join(' | '),
      ]),
    ],
  };
}
