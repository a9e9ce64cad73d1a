import { z } from 'zod';
import { visibleText } from './text';
import { emailSchema, passwordSchema } from './auth';
import { roleSchema } from './roles';

export const tenantUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  accountActive: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TenantUser = z.infer<typeof tenantUserSchema>;

/** Create a user with an initial password, or invite by link (the admin hands the link over). */
export const userCreateSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('password'),
    email: emailSchema,
    displayName: visibleText(z.string().trim().min(1).max(120)),
    role: roleSchema,
    password: passwordSchema,
  }),
  z.object({
    mode: z.literal('invite'),
    email: emailSchema,
    role: roleSchema,
  }),
]);
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.object({ role: roleSchema, active: z.boolean() }).partial();
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const userCreateResultSchema = z.object({
  user: tenantUserSchema.nullable(),
  invitation: invitationSchema.nullable(),
  /** One-time link for invitations; shown once to the admin. */
  link: z.string().nullable(),
});

export const invitationInfoSchema = z.object({
  email: z.string(),
  tenantName: z.string(),
  role: roleSchema,
  accountExists: z.boolean(),
});
export const invitationAcceptSchema = z.object({
  displayName: visibleText(z.string().trim().min(1).max(120)).optional(),
  password: passwordSchema,
});

export const resetLinkSchema = z.object({ link: z.string(), expiresAt: z.string() });
