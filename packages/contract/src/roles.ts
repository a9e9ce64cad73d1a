import { z } from 'zod';

/** Roles a user can hold within one tenant (see docs/glossary.md). */
/** `provider` („Anbieter“): a Träger's account that maintains only its own Wegweiser offers. */
export const roleSchema = z.enum(['admin', 'editor', 'contributor', 'viewer', 'provider']);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

/** Permissions checked by every tenant route. A role grants a fixed set. */
export const permissionSchema = z.enum([
  'tenant.read',
  'data.read',
  'data.contribute',
  'data.write',
  'data.internal',
  'users.read',
  'users.write',
  'settings.write',
  /** Submit and update the own provider's (Träger's) Wegweiser entries, for moderation. */
  'directory.provide',
]);
export type Permission = z.infer<typeof permissionSchema>;

const viewer: Permission[] = ['tenant.read', 'data.read'];
const contributor: Permission[] = [...viewer, 'data.contribute'];
const editor: Permission[] = [...contributor, 'data.write', 'data.internal'];
const admin: Permission[] = [...editor, 'users.read', 'users.write', 'settings.write'];
/** Sees nothing of the municipality's data: only its own offers (modules/directory/provider.*). */
const provider: Permission[] = ['tenant.read', 'directory.provide'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  viewer: new Set(viewer),
  contributor: new Set(contributor),
  editor: new Set(editor),
  admin: new Set(admin),
  provider: new Set(provider),
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export const ROLE_LABELS: Record<Role, { de: string; en: string }> = {
  admin: { de: 'Administration', en: 'Administrator' },
  editor: { de: 'Redaktion (Bildungsbüro)', en: 'Editor (education office)' },
  contributor: { de: 'Mitwirkende (Fachbereich, Partner)', en: 'Contributor (department, partner)' },
  viewer: { de: 'Lesezugriff (Politik, Gremien)', en: 'Viewer (politics, committees)' },
  provider: { de: 'Anbieter (Träger im Bildungswegweiser)', en: 'Provider (organisation in the directory)' },
};
