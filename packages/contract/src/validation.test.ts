import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resetPasswordSchema, roundCreateSchema, userCreateSchema, validationProblem } from './index';

/** English words of zod's own messages that must never reach a user. */
const ENGLISH =
  /expected|received|too (small|big)|invalid (input|option|string|type)|required|must be|characters/i;

const problem = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('input passed');
  return validationProblem(
    'body',
    r.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    })),
  );
};

describe('validation messages are German (one central mapping)', () => {
  it('a short password and a missing name read as German sentences naming the field', () => {
    const p = problem(userCreateSchema, {
      mode: 'password',
      email: 'a@b.example',
      role: 'viewer',
      password: 'kurz',
    });
    expect(p.message).toBe(
      'Bitte prüfen Sie Ihre Eingaben: „Name“ fehlt. „Passwort“: Das Passwort muss mindestens 12 Zeichen lang sein.',
    );
    expect(p.details.map((d) => d.field)).toEqual(['body.displayName', 'body.password']);
    expect(p.message).not.toMatch(ENGLISH);
  });

  it('formats, ranges, lists and choices', () => {
    const p = problem(roundCreateSchema, {
      title: 'x'.repeat(300),
      startsOn: '31.12.2026',
      endsOn: 7,
      anonymous: 'ja',
    });
    expect(p.details.map((d) => d.message)).toEqual([
      '„Titel“ darf höchstens 200 Zeichen lang sein.',
      '„Beginn“ ist kein gültiges Datum (JJJJ-MM-TT).',
      '„Ende“ hat nicht die erwartete Art (z. B. Text statt Zahl).',
      '„Anonym“ hat nicht die erwartete Art (z. B. Text statt Zahl).',
    ]);
    for (const d of p.details) expect(d.message).not.toMatch(ENGLISH);
  });

  it('the reset link is checked by the server, not by the schema (no „body.token: Too small …“)', () => {
    expect(resetPasswordSchema.safeParse({ token: 'x', newPassword: 'ein-sicheres-passwort' }).success).toBe(
      true,
    );
  });

  it('addresses and empty bodies get a general German message', () => {
    expect(
      validationProblem('params', [{ path: ['roundId'], message: 'ist keine gültige Kennung' }]).message,
    ).toBe('Die Adresse ist ungültig. Bitte prüfen Sie den Link.');
    expect(validationProblem('body', [{ path: [], message: 'fehlt' }]).message).toBe(
      'Die Anfrage ist unvollständig oder fehlerhaft.',
    );
  });

  it('messages written in a schema stay; nested paths name the entry', () => {
    const schema = z.object({
      components: z.array(z.object({ key: z.string().regex(/^[a-z]+$/, 'Nur Kleinbuchstaben') })),
    });
    const p = problem(schema, { components: [{ key: 'ok' }, { key: 'NEIN' }] });
    expect(p.details[0]!.message).toBe('„Kernkomponenten, Eintrag 2, Schlüssel“: Nur Kleinbuchstaben.');
  });
});
