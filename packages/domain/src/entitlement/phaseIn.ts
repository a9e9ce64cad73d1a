/**
 * Phase-in of the Ganztag entitlement (GaFöG of 2 October 2021, BGBl. I S. 4602; § 24 Abs. 4 SGB VIII in
 * the version in force from 1 August 2026): a child that attends grade 1 in school year 2026/27 or later is
 * entitled from school entry until grade 5 begins. Hence one more grade each year: 2026/27 grade 1,
 * 2027/28 grades 1–2, 2028/29 grades 1–3, from 2029/30 grades 1–4.
 *
 * School years are identified by the calendar year they start in (2026 = school year 2026/27, starting
 * 1 August 2026).
 */

/** First school year with an entitlement (2026/27, from 1 August 2026). */
export const GANZTAG_FIRST_SCHOOL_YEAR = 2026;
/** First school year in which all four primary grades are entitled (2029/30). */
export const GANZTAG_FULL_SCHOOL_YEAR = 2029;
/** Primary school grades (Klassenstufen 1–4). */
export const PRIMARY_GRADES = [1, 2, 3, 4] as const;
export type Grade = (typeof PRIMARY_GRADES)[number];

function checkSchoolYear(schoolYear: number): void {
  if (!Number.isInteger(schoolYear) || schoolYear < 1900 || schoolYear > 2200) {
    throw new RangeError(
      `Schuljahr ${String(schoolYear)} ungültig: Startjahr als ganze Zahl erwartet (2026 = 2026/27) / invalid school year`,
    );
  }
}

/** Grades entitled to Ganztag care in a school year ([] before 2026/27). */
export function ganztagEntitledGrades(schoolYear: number): Grade[] {
  checkSchoolYear(schoolYear);
  const n = Math.min(4, Math.max(0, schoolYear - GANZTAG_FIRST_SCHOOL_YEAR + 1));
  return PRIMARY_GRADES.slice(0, n);
}

/** True when `grade` is entitled in `schoolYear`. */
export function isGanztagEntitled(schoolYear: number, grade: number): boolean {
  return (ganztagEntitledGrades(schoolYear) as number[]).includes(grade);
}

/**
 * The school year in which the children of `grade` in `schoolYear` entered grade 1 (no repeaters).
 * The entitlement is tied to this cohort: entered in 2026/27 or later.
 */
export function entryYearOf(schoolYear: number, grade: number): number {
  return schoolYear - grade + 1;
}

/** '2026/27' for 2026. */
export function schoolYearLabel(schoolYear: number): string {
  checkSchoolYear(schoolYear);
  return `${schoolYear}/${String((schoolYear + 1) % 100).padStart(2, '0')}`;
}
