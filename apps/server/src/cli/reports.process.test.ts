import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test/processes';

/** `dkbm report list / render` on the demo data: the published Bildungsbericht 2025 as DOCX, HTML and PDF. */
describe('dkbm report', () => {
  let dir: string;
  let files: string;
  let id: string;
  const cli = (args: string[]) => runCli([...args, '--data-dir', dir], { env: { DEMO_DATA: 'true' } });

  beforeAll(() => {
    dir = tempDir('cli-reports');
    files = tempDir('cli-report-files');
    expect(cli(['migrate']).code).toBe(0);
    expect(cli(['seed-demo']).code).toBe(0);
    const list = cli(['report', 'list', '--tenant', 'musterstadt']);
    expect(list.code, list.stderr).toBe(0);
    const line = list.stdout.split('\n').find((l) => l.endsWith('\tBildungsbericht 2025'))!;
    expect(line).toContain('\tpublished\t');
    id = line.split('\t')[0]!;
  });

  it('renders DOCX with headings and a table, and HTML with the chart', () => {
    const docx = path.join(files, 'bericht.docx');
    const r = cli(['report', 'render', id, '--format', 'docx', '--output', docx, '--tenant', 'musterstadt']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Bildungsbericht 2025: DOCX geschrieben');
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toContain('w:val="Heading1"');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('Handlungsempfehlung 1');
    const html = path.join(files, 'bericht.html');
    expect(
      cli(['report', 'render', id, '--format', 'html', '--output', html, '--tenant', 'musterstadt']).code,
    ).toBe(0);
    const text = fs.readFileSync(html, 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('Abbildung 2: Betreuungsquote der Kinder unter 3 Jahren');
  });

  it.skipIf(!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'))('renders a PDF', () => {
    const pdf = path.join(files, 'bericht.pdf');
    const r = cli(['report', 'render', id, '--format', 'pdf', '--output', pdf, '--tenant', 'musterstadt']);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses an unknown report with a German message and exit code 2', () => {
    const r = cli([
      'report',
      'render',
      '00000000-0000-4000-8000-000000000000',
      '--output',
      path.join(files, 'x.pdf'),
      '--tenant',
      'musterstadt',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Der Bericht wurde nicht gefunden.');
  });
});
