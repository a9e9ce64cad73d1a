import { z } from 'zod';

export const areaLevelSchema = z.enum([
  'bund',
  'land',
  'regierungsbezirk',
  'kreis',
  'gemeinde',
  'stadtbezirk',
  'sozialraum',
  'planungsraum',
  'schulbezirk',
  'custom',
]);
export type AreaLevel = z.infer<typeof areaLevelSchema>;

export const areaSchema = z.object({
  id: z.uuid(),
  level: areaLevelSchema,
  code: z.string(),
  name: z.string(),
  parentId: z.uuid().nullable(),
});
export type Area = z.infer<typeof areaSchema>;

export const geometrySchema = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.any()),
});

export const areaDetailSchema = areaSchema.extend({
  versions: z.array(
    z.object({
      validFrom: z.string(),
      validTo: z.string().nullable(),
      name: z.string(),
      geometry: geometrySchema.nullable(),
    }),
  ),
});

export const indicatorSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameDe: z.string(),
  nameEn: z.string().nullable(),
  unit: z.string(),
  decimals: z.number().int(),
  topic: z.string(),
  visibility: z.enum(['public', 'internal']),
  source: z.string().nullable(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const observationSchema = z.object({
  areaId: z.uuid(),
  period: z.string(),
  dims: z.record(z.string(), z.string()),
  value: z.string().nullable(),
  flag: z.string().nullable(),
});
export type Observation = z.infer<typeof observationSchema>;
