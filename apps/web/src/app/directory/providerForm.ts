/** The provider's change form: a few fields over the offer's full input as published or submitted. */
import type { ProviderEntry } from '@dkbm/contract';

export interface ChangeDraft {
  title: string;
  description: string;
  /** Price in euros, German or English decimal („45,50“); empty for none. */
  price: string;
  /** JJJJ-MM-TT or empty. */
  validUntil: string;
}

export const changeDraftOf = (e: ProviderEntry): ChangeDraft => ({
  title: e.name,
  description: e.description,
  price: typeof e.details.price === 'string' ? e.details.price.replace('.', ',') : '',
  validUntil: e.validUntil ?? '',
});

/**
 * The full offering input of the change: the entry's fields as they are (details hold every field of
 * the input but the columns) with the edited ones replaced; or the fields that are wrong.
 */
export function changeBody(
  e: ProviderEntry,
  d: ChangeDraft,
  labels: { title: string; price: string; validUntil: string },
  required: (l: string) => string,
): { body: Record<string, unknown>; errors: null } | { body: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (d.title.trim().length < 2) errors.title = required(labels.title);
  const price = d.price.trim().replace(',', '.');
  if (price && !/^\d{1,6}(\.\d{1,2})?$/.test(price)) errors.price = required(labels.price);
  if (d.validUntil && !/^\d{4}-\d{2}-\d{2}$/.test(d.validUntil))
    errors.validUntil = required(labels.validUntil);
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const cost = e.details.cost;
  return {
    body: {
      ...e.details,
      title: d.title.trim(),
      type: e.type,
      categories: e.categories,
      description: d.description.trim(),
      provider: e.provider,
      address: e.address,
      location: e.location,
      price: cost === 'kostenlos' ? null : price || null,
      validUntil: d.validUntil || null,
    },
    errors: null,
  };
}
