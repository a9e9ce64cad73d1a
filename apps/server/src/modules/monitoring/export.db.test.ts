import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Indicator } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { genesisFixture, importFile } from '../../test/monitoring';

/** Area names an attacker could give a file (CSV / formula injection, OWASP). */
const EVIL = ["=cmd|' /C calc'!A0", '+HYPERLINK("http://evil.example","x")', '-2+3+cmd|x', '@SUM(1+1)'];

const ROWS = [
  { key: '01', name: 'Schleswig-Holstein', label: 'Tageseinrichtung', u3: '1000', u6: '2000' },
  { key: '01', name: 'Schleswig-Holstein', label: 'Tagespflege', u3: '300', u6: '40' },
  { key: '01001', name: EVIL[0]!, label: 'Tageseinrichtung', u3: '641', u6: '2148' },
  { key: '01001', name: EVIL[0]!, label: 'Tagespflege', u3: '2', u6: '17' },
  { key: '01002', name: EVIL[1]!, label: 'Tageseinrichtung', u3: '1906', u6: '5542' },
  { key: '01002', name: EVIL[1]!, label: 'Tagespflege', u3: '493', u6: '31' },
  { key: '01003', name: EVIL[2]!, label: 'Tageseinrichtung', u3: '700', u6: '900' },
  { key: '01003', name: EVIL[2]!, label: 'Tagespflege', u3: '80', u6: '12' },
  { key: '01004', name: EVIL[3]!, label: 'Tageseinrichtung', u3: '500', u6: '600' },
  { key: '01004', name: EVIL[3]!, label: 'Tagespflege', u3: '60', u6: '9' },
];

/** Cells of one CSV line (`;`, quotes doubled), enough for these files. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

describe(`downloads on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: TestClient;
  let viewer: TestClient;
  let B: string;
  let ind: Indicator;
  const url = (q: string) => `/api/tenants/${B}/indicators/${ind.id}/export?${q}`;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
    const s = await admin.session();
    B = s.memberships.find((m) => m.slug === 'beispielkreis')!.tenantId;
    await importFile(admin, B, '99911-01-01-4.csv', genesisFixture({ code: '99911-01-01-4', rows: ROWS }));
    const list = (await admin.get(`/api/tenants/${B}/indicators`)).json() as Indicator[];
    ind = list.find((i) => i.statisticsCode === '99911-01-01-4')!;
  });
  afterAll(async () => t?.close());

  describe('CSV formula injection', () => {
    for (const view of ['internal', 'public'] as const) {
      it(`the ${view} CSV neutralises area names that start with = + - @ and keeps numbers as numbers`, async () => {
        const res = await admin.get(url(`format=csv&view=${view}`));
        expect(res.statusCode, res.body).toBe(200);
        const lines = res.body
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n');
        const data = lines.filter((l) => !l.startsWith('#')).map(cells);
        const header = data[0]!;
        const nameCol = header.indexOf('area_name');
        const valueCol = header.indexOf('value');
        const names = new Set(data.slice(1).map((r) => r[nameCol]));
        for (const evil of EVIL) {
          expect(names.has(evil), evil).toBe(false);
          expect(names.has(`'${evil}`), evil).toBe(true);
        }
        // No cell of the file starts with a formula character any more, except plain numbers.
        for (const r of data) {
          for (const c of r) if (/^[=+\-@\t\r]/.test(c)) expect(c).toMatch(/^[-+]?\d+(,\d+)?$/);
        }
        expect(
          data
            .slice(1)
            .map((r) => r[valueCol])
            .filter((v) => v && !/^\d+$/.test(v)),
        ).toEqual([]);
      });
    }

    it('a negative value stays a number in the CSV', async () => {
      await importFile(
        admin,
        B,
        '99912-01-01-4.csv',
        genesisFixture({
          code: '99912-01-01-4',
          rows: [{ key: '09', name: '-Minus-Land', label: 'Tageseinrichtung', u3: '-56', u6: '7' }],
        }),
      );
      const list = (await admin.get(`/api/tenants/${B}/indicators`)).json() as Indicator[];
      const neg = list.find((i) => i.statisticsCode === '99912-01-01-4')!;
      const res = await admin.get(`/api/tenants/${B}/indicators/${neg.id}/export?format=csv&view=internal`);
      const rows = res.body
        .split('\r\n')
        .filter((l) => l.startsWith('99912'))
        .map(cells);
      expect(rows.map((r) => r[2])).toEqual(["'-Minus-Land", "'-Minus-Land"]);
      expect(rows.map((r) => r.at(-2)).toSorted()).toEqual(['-56', '7']);
    });
  });

  describe('internal and public downloads say what they are', () => {
    it('internal CSV, JSON and XLSX say INTERN with unprotected values, in the name and inside', async () => {
      const csv = await admin.get(url('format=csv&view=internal'));
      expect(csv.headers['content-disposition']).toMatch(/filename="[^"]*_INTERN_ungeschuetzt\.csv"/);
      const first = csv.body.replace(/^\uFEFF/, '').split('\r\n')[0]!;
      expect(first).toMatch(
        /^# INTERN – enthält ungeschützte Werte: Kleine Fallzahlen sind NICHT ausgeblendet/,
      );
      // The small count is there, unmasked.
      expect(csv.body).toMatch(/;01001;[^\r\n]*;tagespflege;unter_3_jahre;2;/);

      const json = await admin.get(url('format=json&view=internal'));
      expect(json.headers['content-disposition']).toMatch(/_INTERN_ungeschuetzt\.json"/);
      expect(json.json().meta).toMatchObject({ view: 'internal', internal: true, protected: false });
      expect(json.json().meta.notice[0]).toMatch(/^INTERN/);

      const xlsx = await admin.get(url('format=xlsx&view=internal'));
      expect(xlsx.headers['content-disposition']).toMatch(/_INTERN_ungeschuetzt\.xlsx"/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const meta = wb.getWorksheet('Metadaten')!;
      const text = meta.getSheetValues().flat().join(' ');
      expect(text).toMatch(/INTERN – enthält ungeschützte Werte/);
      expect(text).not.toMatch(/sind zum Schutz der Betroffenen ausgeblendet/);
    });

    it('public downloads say what was protected and how (threshold, withheld counts)', async () => {
      // A viewer's download is always the public one, and its name says so.
      const mine = await viewer.get(url('format=csv'));
      expect(mine.headers['content-disposition']).toMatch(/_oeffentlich\.csv"/);
      expect((await viewer.get(url('format=csv&view=internal'))).statusCode).toBe(403);
      const csv = await admin.get(url('format=csv&view=public'));
      expect(csv.headers['content-disposition']).toMatch(/_oeffentlich\.csv"/);
      const first = csv.body.replace(/^\uFEFF/, '').split('\r\n')[0]!;
      expect(first).toMatch(
        /^# Öffentliche Fassung – kleine Fallzahlen geschützt: Fallzahlen von 1 bis 2 sind/,
      );
      const j = (await admin.get(url('format=json&view=public'))).json();
      const withheld = j.data.filter((r: { flag: string }) => r.flag === '.').length;
      expect(withheld).toBeGreaterThan(0);
      expect(j.meta).toMatchObject({ view: 'public', protected: true, internal: false, threshold: 3 });
      expect(j.meta.withheld).toBe(withheld);
      const xlsx = await admin.get(url('format=xlsx&view=public'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.getWorksheet('Metadaten')!.getSheetValues().flat().join(' ')).toMatch(
        /Öffentliche Fassung.*Fallzahlen von 1 bis 2 sind zum Schutz der Betroffenen ausgeblendet/,
      );
    });
  });

  it('„Aktuelle Auswahl“ and „Alle Werte“ download under different file names', async () => {
    const all = await admin.get(url('format=csv&view=public'));
    const sel = await admin.get(url('format=csv&view=public&periods=2016-03-01&level=kreis'));
    const name = (r: typeof all) => /filename="([^"]+)"/.exec(String(r.headers['content-disposition']))![1];
    expect(name(all)).toBe('99911-01-01-4.betreute_kinder_alle_werte_oeffentlich.csv');
    expect(name(sel)).toBe('99911-01-01-4.betreute_kinder_auswahl_2016-03-01_kreis_oeffentlich.csv');
    expect(sel.body.split('\r\n')[1]).toMatch(/^# Umfang: Auswahl/);
  });
});
