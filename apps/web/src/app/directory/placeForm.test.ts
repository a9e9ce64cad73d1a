import { describe, expect, it } from 'vitest';
import { emptyPlace, placeBody } from './placeForm';
import type { DirectoryTexts } from './texts';

const x = {
  fName: 'Name',
  fStreet: 'Straße',
  fCity: 'Ort',
  fLat: 'Breitengrad',
  fLon: 'Längengrad',
  required: (l: string) => `Bitte „${l}“ ausfüllen.`,
  postcode: 'PLZ',
  number: (l: string) => `„${l}“ Zahl`,
  oneCategory: 'Bereich',
} as unknown as DirectoryTexts;

describe('placeBody', () => {
  it('names every missing field', () => {
    const r = placeBody({ ...emptyPlace(''), postcode: '123' }, x);
    expect(Object.keys(r.errors ?? {}).toSorted()).toEqual([
      'categories',
      'city',
      'name',
      'postcode',
      'street',
    ]);
  });

  it('reads German decimal commas and needs both coordinates', () => {
    const d = {
      ...emptyPlace('Musterstadt'),
      name: 'Kita',
      categories: ['fruehe_bildung' as const],
      street: 'Weg 1',
      postcode: '12345',
    };
    expect(placeBody({ ...d, lat: '51,5', lon: '10,25' }, x).body?.location).toEqual({
      lat: 51.5,
      lon: 10.25,
    });
    expect(placeBody({ ...d, lat: '51,5' }, x).errors).toEqual({ lon: 'Bitte „Längengrad“ ausfüllen.' });
    expect(placeBody({ ...d, lat: 'Nord', lon: '10' }, x).errors).toEqual({ lat: '„Breitengrad“ Zahl' });
    expect(placeBody(d, x).body?.location).toBeNull();
  });
});
