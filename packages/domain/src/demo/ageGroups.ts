import type { DemoAgeGroupCode } from './types';

/** Age groups as commonly used in German municipal education reporting (toAge inclusive). */
export const DEMO_AGE_GROUPS: ReadonlyArray<{
  code: DemoAgeGroupCode;
  labelDe: string;
  labelEn: string;
  fromAge: number;
  toAge: number | null;
}> = [
  { code: 'u3', labelDe: 'unter 3 Jahre', labelEn: 'under 3 years', fromAge: 0, toAge: 2 },
  { code: '3-5', labelDe: '3 bis unter 6 Jahre', labelEn: '3 to under 6 years', fromAge: 3, toAge: 5 },
  { code: '6-9', labelDe: '6 bis unter 10 Jahre', labelEn: '6 to under 10 years', fromAge: 6, toAge: 9 },
  {
    code: '10-15',
    labelDe: '10 bis unter 16 Jahre',
    labelEn: '10 to under 16 years',
    fromAge: 10,
    toAge: 15,
  },
  {
    code: '16-18',
    labelDe: '16 bis unter 19 Jahre',
    labelEn: '16 to under 19 years',
    fromAge: 16,
    toAge: 18,
  },
  {
    code: '19-24',
    labelDe: '19 bis unter 25 Jahre',
    labelEn: '19 to under 25 years',
    fromAge: 19,
    toAge: 24,
  },
  {
    code: '25-64',
    labelDe: '25 bis unter 65 Jahre',
    labelEn: '25 to under 65 years',
    fromAge: 25,
    toAge: 64,
  },
  { code: '65+', labelDe: '65 Jahre und älter', labelEn: '65 years and older', fromAge: 65, toAge: null },
];
