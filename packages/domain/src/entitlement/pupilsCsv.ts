/**
 * Pupil numbers per Grundschule, school year and grade from a CSV of the school statistics:
 *
 *   Planungseinheit;Schuljahr;Klassenstufe;Schüler
 *   Grundschule Altstadt;2026/27;1;84
 *
 * `Planungseinheit` is the unit's name or the code of its area (e.g. the Schulbezirk „GS01“), `Schuljahr`
 * „2026/27“ or „2026“, `Klassenstufe` 1–4, `Schüler` a count in German or plain notation („1.234“, „84“).
 * Separator `;` or `,` (from the header line). Every error names line and column; nothing is returned for
 * import when any line is wrong.
 */
import { parse } from 'csv-parse/sync';

export interface PupilCsvUnit {
  id: string;
  name: string;
  areaCode: string;
}

export interface PupilCsvRow {
  planningUnitId: string;
  schoolYear: number;
  grade: 1 | 2 | 3 | 4;
  pupils: string;
}

export interface PupilCsvResult {
  rows: PupilCsvRow[];
  /** German messages „Zeile 3, Spalte „Schuljahr“: …“, at most `maxErrors`. */
  errors: string[];
}

const COLUMNS = {
  unit: ['planungseinheit', 'schule', 'schulnummer'],
  year: ['schuljahr'],
  grade: ['klassenstufe', 'klasse', 'jahrgangsstufe'],
  pupils: ['schüler', 'schülerzahl', 'anzahl', 'schuelerzahl', 'schueler'],
} as const;
const LABELS = { unit: 'Planungseinheit', year: 'Schuljahr', grade: 'Klassenstufe', pupils: 'Schüler' };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const cut = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** „2026/27“, „2026/2027“ or „2026“ → 2026; null otherwise. */
export function parseSchoolYear(text: string): number | null {
  const m = /^(\d{4})(?:\s*\/\s*(\d{2}|\d{4}))?$/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  if (m[2] && Number(m[2].slice(-2)) !== (start + 1) % 100) return null;
  return start >= 2000 && start <= 2100 ? start : null;
}

/** „1.234“, „84“, „12,5“ → decimal text; null otherwise (no negatives). */
export function parsePupilCount(text: string): string | null {
  let t = text.trim().replace(/\s/g, '');
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, '');
  // A point left over is no thousands group („1.2“): ambiguous, refused.
  if (t.includes('.')) return null;
  t = t.replace(',', '.');
  return /^\d{1,7}(\.\d{1,2})?$/.test(t) ? t.replace(/^0+(?=\d)/, '') : null;
}

export function parsePupilsCsv(text: string, units: readonly PupilCsvUnit[], maxErrors = 10): PupilCsvResult {
  const errors: string[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g) ?? []).length >= (firstLine.match(/,/g) ?? []).length ? ';' : ',';
  let records: string[][];
  try {
    records = parse(body, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return {
      rows: [],
      errors: [`CSV nicht lesbar${line ? ` (Zeile ${line})` : ''}: Anführungszeichen prüfen.`],
    };
  }
  const header = (records[0] ?? []).map(norm);
  const col = {} as Record<keyof typeof COLUMNS, number>;
  for (const key of Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>) {
    const i = header.findIndex((h) => (COLUMNS[key] as readonly string[]).includes(h));
    if (i < 0)
      errors.push(`Zeile 1: Spalte „${LABELS[key]}“ fehlt (erwartet: ${Object.values(LABELS).join(';')}).`);
    col[key] = i;
  }
  if (errors.length) return { rows: [], errors };
  const byName = new Map<string, PupilCsvUnit>();
  for (const u of units) {
    byName.set(norm(u.name), u);
    if (u.areaCode) byName.set(norm(u.areaCode), u);
  }
  const rows: PupilCsvRow[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < records.length && errors.length < maxErrors; r++) {
    const line = r + 1;
    const rec = records[r]!;
    const cell = (k: keyof typeof COLUMNS) => rec[col[k]] ?? '';
    const fail = (k: keyof typeof COLUMNS, what: string) =>
      errors.push(`Zeile ${line}, Spalte „${LABELS[k]}“: ${what}`);
    const unit = byName.get(norm(cell('unit')));
    if (!unit) fail('unit', `„${cut(cell('unit'))}“ ist keine Planungseinheit (Name oder Gebietsschlüssel).`);
    const year = parseSchoolYear(cell('year'));
    if (year === null) fail('year', `„${cut(cell('year'))}“ ist kein Schuljahr (z. B. 2026/27).`);
    const grade = Number(cell('grade'));
    const gradeOk = /^[1-4]$/.test(cell('grade'));
    if (!gradeOk) fail('grade', `„${cut(cell('grade'))}“ ist keine Klassenstufe der Grundschule (1 bis 4).`);
    const pupils = parsePupilCount(cell('pupils'));
    if (pupils === null) fail('pupils', `„${cut(cell('pupils'))}“ ist keine Schülerzahl (z. B. 84).`);
    if (!unit || year === null || !gradeOk || pupils === null) continue;
    const key = `${unit.id}|${year}|${grade}`;
    if (seen.has(key)) {
      errors.push(
        `Zeile ${line}: ${cut(unit.name)}, ${year}/${String((year + 1) % 100).padStart(2, '0')}, Klasse ${grade} steht schon in Zeile ${seen.get(key)}.`,
      );
      continue;
    }
    seen.set(key, line);
    rows.push({ planningUnitId: unit.id, schoolYear: year, grade: grade as 1 | 2 | 3 | 4, pupils });
  }
  if (records.length <= 1) errors.push('Die Datei enthält keine Zeilen mit Schülerzahlen.');
  return errors.length ? { rows: [], errors: errors.slice(0, maxErrors) } : { rows, errors };
}
