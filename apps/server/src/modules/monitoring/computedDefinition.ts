import type { ComputedDefinition } from '@dkbm/domain';

/** The definition of a computed indicator (null for imported ones). */
export function definitionOf(ind: { computed: unknown }): ComputedDefinition | null {
  return (ind.computed as ComputedDefinition | null) ?? null;
}
