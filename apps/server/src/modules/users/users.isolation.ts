import type { ModuleIsolation } from '../../platform/tenancy/isolation';

const base = '/api/tenants/:tenantId';

export const isolation: ModuleIsolation = {
  cases: {
    [`GET ${base}/users`]: {},
    [`POST ${base}/users`]: {
      body: (_ids, tag) => ({
        mode: 'password',
        email: `eindringling-${tag}@angriff.example`,
        displayName: `Eindringling ${tag}`,
        role: 'admin',
        password: 'eindringling-passwort',
      }),
    },
    [`GET ${base}/users/:userId`]: {},
    [`PATCH ${base}/users/:userId`]: { body: () => ({ role: 'viewer', active: false }) },
    [`POST ${base}/users/:userId/password-reset`]: {},
    [`GET ${base}/invitations`]: {},
    [`DELETE ${base}/invitations/:invitationId`]: {},
  },
};
