import { describe, expect, it } from 'vitest';
import { tidyMappingSchema, validationProblem } from './index';

/* The column mapping of a tidy table is checked by its schema at the API and the CLI (one definition). */

describe('tidyMappingSchema', () => {
  const mapping = {
    areaKey: { column: 'AGS' },
    period: { value: '2024-12-31', type: 'date' },
    values: [{ column: 'Einwohner', measure: 'einwohner', dims: { altersgruppe: 'unter_6' } }],
  };

  it('accepts a mapping as the wizard sends it', () => {
    expect(tidyMappingSchema.parse(mapping)).toEqual(mapping);
  });

  it('refuses a mapping without area key column, naming the field in German', () => {
    const res = tidyMappingSchema.safeParse({ ...mapping, areaKey: {} });
    expect(res.success).toBe(false);
    const issues = res.error!.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
    expect(validationProblem('mapping', issues).details[0]).toEqual({
      field: 'mapping.areaKey.column',
      message: expect.stringMatching(/^„Gebietsschlüssel, Spalte“/),
    });
  });

  it('refuses a period type the import does not know', () => {
    expect(
      tidyMappingSchema.safeParse({ ...mapping, period: { value: '2024', type: 'quartal' } }).success,
    ).toBe(false);
  });
});
