import { z } from 'zod';
import { roleSchema } from './roles';
import { tenantTypeSchema } from './tenant';

/** Passwords: at least 12 characters, no composition rules (NIST SP 800-63B, BSI). */
export const PASSWORD_MIN_LENGTH = 12;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`)
  .max(256, 'Das Passwort darf höchstens 256 Zeichen lang sein.');

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Bitte eine gültige E-Mail-Adresse angeben.'));

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(256),
});
export type Login = z.infer<typeof loginSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().max(256),
  newPassword: passwordSchema,
});
export const resetPasswordSchema = z.object({
  /** Any text: an unknown, malformed or expired link is answered by the server („invalid_token“). */
  token: z.string().max(200),
  newPassword: passwordSchema,
});

export const membershipSummarySchema = z.object({
  tenantId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  type: tenantTypeSchema,
  role: roleSchema,
  isDemo: z.boolean(),
  color: z.string().nullable(),
});
export type MembershipSummary = z.infer<typeof membershipSummarySchema>;

export const sessionUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  isPlatformAdmin: z.boolean(),
  locale: z.enum(['de', 'en']),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionInfoSchema = z.object({
  user: sessionUserSchema.nullable(),
  memberships: z.array(membershipSummarySchema),
  csrfToken: z.string(),
  oidcEnabled: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
