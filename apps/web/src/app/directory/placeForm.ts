import type {
  CostKind,
  DirectoryCategory,
  OfferingInput,
  OfferingType,
  VenueInput,
  VenueType,
} from '@dkbm/contract';
import type { DirectoryTexts } from './texts';

/** The new-place form as typed by the user (all text). */
export interface PlaceDraft {
  name: string;
  type: VenueType;
  categories: DirectoryCategory[];
  street: string;
  postcode: string;
  city: string;
  lat: string;
  lon: string;
  description: string;
}

export const emptyPlace = (city: string): PlaceDraft => ({
  name: '',
  type: 'kita',
  categories: [],
  street: '',
  postcode: '',
  city,
  lat: '',
  lon: '',
  description: '',
});

const decimal = (s: string): number | null => {
  const t = s.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
};

/** The request body, or the field errors (German or English) by field name. */
export function placeBody(
  d: PlaceDraft,
  x: DirectoryTexts,
): { body: Partial<VenueInput>; errors: null } | { body: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (d.name.trim().length < 2) errors.name = x.required(x.fName);
  if (d.categories.length === 0) errors.categories = x.oneCategory;
  if (!d.street.trim()) errors.street = x.required(x.fStreet);
  if (!/^\d{5}$/.test(d.postcode.trim())) errors.postcode = x.postcode;
  if (!d.city.trim()) errors.city = x.required(x.fCity);
  const lat = d.lat.trim() ? decimal(d.lat) : null;
  const lon = d.lon.trim() ? decimal(d.lon) : null;
  if (d.lat.trim() && lat === null) errors.lat = x.number(x.fLat);
  if (d.lon.trim() && lon === null) errors.lon = x.number(x.fLon);
  if ((lat === null) !== (lon === null) && !errors.lat && !errors.lon)
    errors[lat === null ? 'lat' : 'lon'] = x.required(lat === null ? x.fLat : x.fLon);
  if (Object.keys(errors).length > 0) return { body: null, errors };
  return {
    body: {
      name: d.name.trim(),
      type: d.type,
      categories: d.categories,
      description: d.description.trim(),
      address: { street: d.street.trim(), postcode: d.postcode.trim(), city: d.city.trim() },
      location: lat !== null && lon !== null ? { lat, lon } : null,
    },
    errors: null,
  };
}

/** The new-offer form as typed by the user. */
export interface OfferDraft {
  title: string;
  type: OfferingType;
  categories: DirectoryCategory[];
  cost: CostKind;
  /** Price in euros, German or English decimal („45,50“). */
  price: string;
  /** First date, from the date-time field (JJJJ-MM-TTTHH:MM). */
  start: string;
  street: string;
  postcode: string;
  city: string;
  description: string;
  /** „Gültig bis“ (JJJJ-MM-TT from the date field) or empty. */
  validUntil: string;
}

export const emptyOffer = (city: string): OfferDraft => ({
  title: '',
  type: 'kurs',
  categories: [],
  cost: 'kostenlos',
  price: '',
  start: '',
  street: '',
  postcode: '',
  city,
  description: '',
  validUntil: '',
});

export function offerBody(
  d: OfferDraft,
  x: DirectoryTexts,
): { body: Partial<OfferingInput>; errors: null } | { body: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (d.title.trim().length < 2) errors.title = x.required(x.fTitle);
  if (d.categories.length === 0) errors.categories = x.oneCategory;
  const price = d.price.trim().replace(',', '.');
  if (d.cost !== 'kostenlos' && price && !/^\d{1,6}(\.\d{1,2})?$/.test(price))
    errors.price = x.number(x.fPrice);
  if (d.start && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(d.start)) errors.start = x.required(x.fStart);
  if (d.validUntil && !/^\d{4}-\d{2}-\d{2}$/.test(d.validUntil))
    errors.validUntil = x.required(x.fValidUntil);
  const hasAddress = !!(d.street.trim() || d.postcode.trim());
  if (hasAddress && !d.street.trim()) errors.street = x.required(x.fStreet);
  if (hasAddress && !/^\d{5}$/.test(d.postcode.trim())) errors.postcode = x.postcode;
  if (Object.keys(errors).length > 0) return { body: null, errors };
  return {
    body: {
      title: d.title.trim(),
      type: d.type,
      categories: d.categories,
      cost: d.cost,
      price: d.cost !== 'kostenlos' && price ? price : null,
      description: d.description.trim(),
      dates: d.start ? [{ start: d.start, end: null }] : [],
      validUntil: d.validUntil || null,
      address: hasAddress
        ? { street: d.street.trim(), postcode: d.postcode.trim(), city: d.city.trim() }
        : null,
    },
    errors: null,
  };
}
