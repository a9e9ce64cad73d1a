import type { ServerModule } from '../../platform/modules/module';
import { authRoutes } from './auth.routes';
import { oidcRoutes } from './oidc.routes';

/** Sign-in, sessions, passwords, invitations and reset links, optional single sign-on. */
export const authModule = {
  name: 'auth',
  tags: [{ name: 'auth', description: 'Anmeldung und Sitzung' }],
  routes: [
    { prefix: '/api/auth', plugin: authRoutes },
    { prefix: '/api/auth/oidc', plugin: oidcRoutes },
  ],
  permissions: [],
} satisfies ServerModule;
