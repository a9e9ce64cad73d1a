import type { ServerModule } from '../../platform/modules/module';
import { invitationsRoutes, usersRoutes } from './users.routes';

/** People of a municipality: roles, invitations, reset links. */
export const usersModule = {
  name: 'users',
  tags: [{ name: 'users', description: 'Personen und Rollen einer Kommune' }],
  routes: [
    { prefix: '/api/tenants/:tenantId/users', plugin: usersRoutes },
    { prefix: '/api/tenants/:tenantId/invitations', plugin: invitationsRoutes },
  ],
  permissions: ['users.read', 'users.write'],
} satisfies ServerModule;
