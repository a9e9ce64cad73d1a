import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { patchSchema } from './patch';
import * as assessment from './assessment';
import * as catalogue from './catalogue';
import * as directory from './directory';
import * as entitlement from './entitlement';
import * as monitoring from './monitoring';
import * as network from './network';
import * as portal from './portal';
import * as reports from './reports';
import * as steering from './steering';
import * as tenant from './tenant';
import * as users from './users';

describe('patchSchema', () => {
  const create = z.object({
    name: z.string(),
    tags: z.array(z.string()).default([]).describe('Schlagwörter'),
    open: z.boolean().prefault(true),
  });
  const patch = patchSchema(create);

  it('leaves fields that are not named out instead of filling in their defaults', () => {
    expect(create.partial().parse({ name: 'x' })).toEqual({ name: 'x', tags: [], open: true });
    expect(patch.parse({ name: 'x' })).toEqual({ name: 'x' });
    expect(patch.parse({})).toEqual({});
  });

  it('still validates a named field and keeps its description', () => {
    expect(patch.parse({ tags: ['a'], open: false })).toEqual({ tags: ['a'], open: false });
    expect(patch.safeParse({ tags: 'a' }).success).toBe(false);
    expect(patch.shape.tags.description).toBe('Schlagwörter');
  });
});

describe('change schemas of the contract', () => {
  const modules = {
    assessment,
    catalogue,
    directory,
    entitlement,
    monitoring,
    network,
    portal,
    reports,
    steering,
    tenant,
    users,
  };
  const updateSchemas = Object.entries(modules).flatMap(([m, exports]) =>
    Object.entries(exports as Record<string, unknown>)
      .filter(([name, v]) => name.endsWith('UpdateSchema') && v instanceof z.ZodObject)
      // A PUT replaces the whole answer, so its defaults are meant.
      .filter(([name]) => name !== 'answerUpdateSchema')
      .map(([name, v]) => [`${m}.${name}`, v as z.ZodObject] as const),
  );

  it('finds the change schemas', () => {
    expect(updateSchemas.map(([n]) => n)).toEqual(
      expect.arrayContaining(['network.actorUpdateSchema', 'steering.steeringGoalUpdateSchema']),
    );
  });

  it.each(updateSchemas)('%s fills in no field that a PATCH leaves out', (_name, schema) => {
    const filled = Object.entries(schema.shape)
      .filter(([, field]) => {
        const r = (field as z.ZodType).safeParse(undefined);
        return r.success && r.data !== undefined;
      })
      .map(([key]) => key);
    expect(filled).toEqual([]);
  });
});
