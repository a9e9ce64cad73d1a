import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test/processes';

/** `dkbm steering export`: a municipality takes its steering data elsewhere (JSON, CSV). */
describe('dkbm steering export', () => {
  let dir: string;
  const cli = (args: string[]) => runCli([...args, '--data-dir', dir]);

  beforeAll(() => {
    dir = tempDir('cli-steering');
    const m = runCli(['seed-demo', '--data-dir', dir]);
    expect(m.code, m.stderr).toBe(0);
  });

  it('JSON: goals with targets and their computed status, recommendations, decisions, measures', () => {
    const r = cli(['steering', 'export', '--tenant', 'musterstadt', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.tenant).toBe('musterstadt');
    expect(data.goals).toHaveLength(6);
    const statuses = data.goals.flatMap((g: { targets: Array<{ progress: { status: string } }> }) =>
      g.targets.map((t) => t.progress.status),
    );
    expect(statuses.toSorted()).toEqual([
      'deterioration',
      'insufficient_data',
      'limited_progress',
      'moderate_progress',
      'on_track',
      'target_achieved',
    ]);
    expect(data.recommendations).toHaveLength(5);
    expect(data.decisions).toHaveLength(3);
    expect(data.measures).toHaveLength(4);
    expect(data.missionStatements[0].decision.number).toBe('SR/2024/031');
  });

  it('CSV: five files into a folder; without a folder a German message and exit code 2', () => {
    const out = tempDir('cli-steering-out');
    const r = cli(['steering', 'export', '--tenant', 'musterstadt', '--format', 'csv', '--output', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(out).toSorted()).toEqual([
      'musterstadt-beschluesse.csv',
      'musterstadt-empfehlungen.csv',
      'musterstadt-massnahmen.csv',
      'musterstadt-ziele.csv',
      'musterstadt-zielwerte.csv',
    ]);
    const targets = fs.readFileSync(path.join(out, 'musterstadt-zielwerte.csv'), 'utf8').trim().split('\r\n');
    expect(targets).toHaveLength(7);
    expect(targets[0]).toContain('basiswert;zielzeitraum;zielwert');
    expect(fs.readFileSync(path.join(out, 'musterstadt-massnahmen.csv'), 'utf8')).toContain(
      '4200000.00;650000.50',
    );
    const bad = cli(['steering', 'export', '--tenant', 'musterstadt', '--format', 'csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Für CSV bitte --output <ordner> angeben');
  });
});
