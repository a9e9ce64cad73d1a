import { z } from 'zod';

/** A field's schema without its `.default()`/`.prefault()`. */
type NoDefault<S> = S extends z.ZodDefault<infer I> ? I : S extends z.ZodPrefault<infer I> ? I : S;
export type PatchShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<NoDefault<T[K]>> };

/**
 * The change schema (PATCH) of a create schema: every field optional and **no defaults**. zod 4's
 * `.partial()` still applies a field's default when the field is left out, so a PATCH naming only one
 * field would reset the others to their defaults (e.g. an actor's topics to `[]`). Descriptions stay.
 */
export function patchSchema<T extends z.ZodRawShape>(schema: z.ZodObject<T>): z.ZodObject<PatchShape<T>> {
  const withoutDefaults: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    if (field instanceof z.ZodDefault || field instanceof z.ZodPrefault) {
      const optional = (field.unwrap() as z.ZodType).optional();
      withoutDefaults[key] = field.description ? optional.describe(field.description) : optional;
    }
  }
  return schema.partial().extend(withoutDefaults) as unknown as z.ZodObject<PatchShape<T>>;
}
