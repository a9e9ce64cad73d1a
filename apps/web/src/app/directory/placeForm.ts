import type { DirectoryCategory, VenueInput, VenueType } from '@dkbm/contract';
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
