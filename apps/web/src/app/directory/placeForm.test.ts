import { describe, expect, it } from 'vitest';
import { emptyOffer, emptyPlace, offerBody, placeBody } from './placeForm';
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
  fTitle: 'Titel',
  fPrice: 'Preis',
  fStart: 'Termin',
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

describe('offerBody', () => {
  const d = { ...emptyOffer('Musterstadt'), title: 'Kurs', categories: ['weiterbildung' as const] };

  it('a free offer has no price; a priced one takes a German decimal comma', () => {
    expect(offerBody({ ...d, price: '12,50' }, x).body?.price).toBeNull();
    expect(offerBody({ ...d, cost: 'kostenpflichtig', price: '12,50' }, x).body?.price).toBe('12.50');
    expect(offerBody({ ...d, cost: 'kostenpflichtig', price: 'zwölf' }, x).errors).toEqual({
      price: '„Preis“ Zahl',
    });
  });

  it('the first date and an address are optional; a half address is named', () => {
    expect(offerBody(d, x).body).toMatchObject({ dates: [], address: null });
    expect(offerBody({ ...d, start: '2027-03-04T18:00' }, x).body?.dates).toEqual([
      { start: '2027-03-04T18:00', end: null },
    ]);
    expect(offerBody({ ...d, street: 'Weg 1' }, x).errors).toEqual({ postcode: 'PLZ' });
  });
});
