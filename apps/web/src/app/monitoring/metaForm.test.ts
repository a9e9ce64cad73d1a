import { describe, expect, it } from 'vitest';
import { indicatorMetaSchema, type IndicatorMeta } from '@dkbm/contract';
import { changedMeta, formOf, serverFieldErrors, validateMeta, type MetaForm } from './metaForm';

const META: IndicatorMeta = {
  nameDe: 'Betreuungsquote unter 3 Jahren',
  nameEn: null,
  description: 'Anteil der betreuten Kinder',
  unit: '%',
  decimals: 1,
  topic: 'fruehkindliche_bildung',
  tier: 'kern',
  kind: 'status',
  measure: 'relative',
  polarity: 'higher_better',
  periodType: 'date',
  visibility: 'public',
  source: 'Statistisches Landesamt',
  licence: null,
  attribution: null,
  updateInterval: 'jährlich',
  contact: null,
  sdcThreshold: null,
};

const form = (patch: Partial<MetaForm>): MetaForm => ({ ...formOf(META), ...patch });

describe('validateMeta', () => {
  it('round-trips stored metadata', () => {
    const r = validateMeta(formOf(META));
    expect(r).toEqual({ ok: true, meta: META });
  });

  it('trims texts and turns empty optional texts into null', () => {
    const r = validateMeta(form({ nameDe: '  Quote ', nameEn: '   ', source: '', sdcThreshold: ' 5 ' }));
    expect(r.ok && r.meta).toMatchObject({ nameDe: 'Quote', nameEn: null, source: null, sdcThreshold: 5 });
  });

  it('reports errors in the order of the form', () => {
    const r = validateMeta(
      form({ contact: 'x'.repeat(301), unit: ' ', nameDe: '', decimals: '7', sdcThreshold: '-1' }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { field: 'nameDe', kind: 'required' },
      { field: 'unit', kind: 'required' },
      { field: 'decimals', kind: 'integer', min: 0, max: 6 },
      { field: 'sdcThreshold', kind: 'integer', min: 0, max: 100 },
      { field: 'contact', kind: 'tooLong', max: 300 },
    ]);
  });

  it('accepts 0 as threshold (not a count) and empty as the default', () => {
    const zero = validateMeta(form({ sdcThreshold: '0' }));
    const empty = validateMeta(form({ sdcThreshold: '' }));
    expect(zero.ok && zero.meta.sdcThreshold).toBe(0);
    expect(empty.ok && empty.meta.sdcThreshold).toBeNull();
  });

  it('agrees with the contract schema', () => {
    const cases: Array<Partial<MetaForm>> = [
      {},
      { nameDe: 'x'.repeat(200) },
      { nameDe: 'x'.repeat(201) },
      { nameEn: 'y'.repeat(201) },
      { description: 'd'.repeat(4000) },
      { description: 'd'.repeat(4001) },
      { unit: 'u'.repeat(40) },
      { unit: 'u'.repeat(41) },
      { decimals: '0' },
      { decimals: '6' },
      { decimals: '1.5' },
      { sdcThreshold: '100' },
      { sdcThreshold: '101' },
      { source: 's'.repeat(500) },
      { source: 's'.repeat(501) },
      { licence: 'l'.repeat(301) },
      { attribution: 'a'.repeat(501) },
      { updateInterval: 'u'.repeat(101) },
    ];
    for (const c of cases) {
      const f = form(c);
      const r = validateMeta(f);
      // What the schema says about the same input (numbers parsed as typed, texts as they would be sent).
      const parsed = indicatorMetaSchema.safeParse({
        ...(r.ok ? r.meta : {}),
        ...(r.ok
          ? {}
          : {
              ...META,
              ...Object.fromEntries(
                Object.entries(c).map(([k, v]) => [
                  k,
                  k === 'decimals' || k === 'sdcThreshold' ? Number(v) : v.trim() || null,
                ]),
              ),
            }),
      });
      expect(parsed.success, JSON.stringify(c).slice(0, 60)).toBe(r.ok);
    }
  });
});

describe('changedMeta', () => {
  it('lists only the changed fields', () => {
    const r = validateMeta(form({ nameDe: 'Neu', visibility: 'internal', sdcThreshold: '4' }));
    expect(r.ok && changedMeta(META, r.meta)).toEqual({
      nameDe: 'Neu',
      visibility: 'internal',
      sdcThreshold: 4,
    });
    expect(changedMeta(META, META)).toEqual({});
  });
});

describe('serverFieldErrors', () => {
  it('maps validation details to the fields of the form', () => {
    expect(
      serverFieldErrors([
        { field: 'body.nameDe', message: 'Too small' },
        { field: 'body.other', message: 'x' },
        { field: 'querystring.confirm', message: 'y' },
      ]),
    ).toEqual([{ field: 'nameDe', message: 'Too small' }]);
    expect(serverFieldErrors({ field: 'confirm' })).toEqual([]);
    expect(serverFieldErrors(undefined)).toEqual([]);
  });
});
