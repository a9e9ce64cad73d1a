import { describe, expect, it } from 'vitest';
import { geocodeAddress, parseAddress } from './geocode';

const addresses = [
  { street: 'Lindenstraße 5', postcode: '39101', city: 'Musterstadt', lon: 11.6, lat: 52.1 },
  { street: 'Lindenstraße 21', postcode: '39101', city: 'Musterstadt', lon: 11.62, lat: 52.12 },
  { street: 'Lindenstraße 5', postcode: '39104', city: 'Musterstadt', lon: 11.7, lat: 52.2 },
  { street: 'Am Markt 1', postcode: '39104', city: 'Musterstadt', lon: 11.8, lat: 52.3 },
];
const areas = [{ code: '01', name: 'Altstadt', lon: 11.5, lat: 52.0 }];

describe('geocodeAddress (the municipality’s own addresses and areas)', () => {
  it('parses street, house number and postcode', () => {
    expect(parseAddress('Lindenstr. 5a, 39101 Musterstadt')).toEqual({
      street: 'lindenstrasse',
      number: '5a',
      postcode: '39101',
    });
  });

  it('finds an address with house number and postcode', () => {
    expect(geocodeAddress('lindenstrasse 5, 39104', addresses, areas)).toEqual({
      lon: 11.7,
      lat: 52.2,
      kind: 'adresse',
      label: 'Lindenstraße 5, 39104 Musterstadt',
    });
  });

  it('takes the nearest known house number of the street', () => {
    expect(geocodeAddress('Lindenstraße 19, 39101', addresses, areas)).toMatchObject({
      kind: 'hausnummer',
      label: 'Lindenstraße 21, 39101 Musterstadt',
    });
  });

  it('takes the middle of a street without house number', () => {
    expect(geocodeAddress('Am Markt', addresses, areas)).toMatchObject({ kind: 'strasse', lon: 11.8 });
  });

  it('falls back to an area by name, a postcode to its addresses', () => {
    expect(geocodeAddress('altstadt', addresses, areas)).toMatchObject({ kind: 'gebiet', label: 'Altstadt' });
    expect(geocodeAddress('39104', addresses, areas)).toMatchObject({ kind: 'postleitzahl', lon: 11.75 });
  });

  it('knows nothing of an address elsewhere', () => {
    expect(geocodeAddress('Unter den Linden 1, 10117 Berlin', addresses, areas)).toBeNull();
    expect(geocodeAddress('   ', addresses, areas)).toBeNull();
  });
});
