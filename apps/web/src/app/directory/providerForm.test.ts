import { describe, expect, it } from 'vitest';
import type { ProviderEntry } from '@dkbm/contract';
import { changeBody, changeDraftOf } from './providerForm';

const entry: ProviderEntry = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'angebot',
  slug: 'englisch',
  name: 'Englisch A1',
  type: 'kurs',
  categories: ['weiterbildung'],
  description: 'Abends.',
  provider: 'VHS',
  address: { street: 'Am Markt 1', postcode: '12345', city: 'Musterstadt' },
  location: { lon: 13.4, lat: 52.5 },
  area: null,
  status: 'veroeffentlicht',
  source: null,
  details: { cost: 'kostenpflichtig', price: '89.00', dates: [], languages: ['en'] },
  updatedAt: '2026-12-01T00:00:00.000Z',
  validUntil: '2026-12-31',
  pending: false,
  pendingAt: null,
  reviewMessage: null,
};
const labels = { title: 'Titel', price: 'Preis', validUntil: 'Gültig bis' };
const required = (l: string) => `Bitte „${l}“ ausfüllen.`;

describe('the provider’s change form', () => {
  it('keeps every field of the offer and replaces the edited ones (German decimal comma)', () => {
    const d = { ...changeDraftOf(entry), price: '95,50', validUntil: '2027-06-30' };
    expect(changeDraftOf(entry).price).toBe('89,00');
    const r = changeBody(entry, d, labels, required);
    expect(r.errors).toBeNull();
    expect(r.body).toMatchObject({
      title: 'Englisch A1',
      cost: 'kostenpflichtig',
      price: '95.50',
      languages: ['en'],
      address: entry.address,
      validUntil: '2027-06-30',
    });
  });

  it('names the wrong fields', () => {
    const r = changeBody(
      entry,
      { title: 'E', description: '', price: 'viel', validUntil: '' },
      labels,
      required,
    );
    expect(r.errors).toEqual({ title: 'Bitte „Titel“ ausfüllen.', price: 'Bitte „Preis“ ausfüllen.' });
  });
});
