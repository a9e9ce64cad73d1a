import { describe, expect, it } from 'vitest';
import { internalMessage } from './runs.service';

describe('internal errors reach users only as German summaries', () => {
  it.each([
    [new RangeError('Maximum call stack size exceeded'), /zu tief verschachtelt/],
    [
      Object.assign(new Error('value overflows numeric format'), { code: '22003' }),
      /Wert der Datei ist zu groß/,
    ],
    [new Error('Failed query', { cause: { code: '22003' } }), /Wert der Datei ist zu groß/],
    [new RangeError('Invalid string length'), /zu groß, um sie auf einmal/],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), /internen Fehlers/],
  ])('%s', (e, expected) => {
    const m = internalMessage(e, 'daten.csv');
    expect(m).toMatch(/^daten\.csv: /);
    expect(m).toMatch(expected);
    expect(m).toMatch(/nichts geändert/);
    expect(m).not.toMatch(/exceeded|overflows|Cannot read|Invalid string/);
  });
});
