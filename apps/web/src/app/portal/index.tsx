/** Settings of the municipality's public portal (the public pages themselves are server-rendered). */
import type { WebModule } from '../module';
import { PortalSettingsPage } from './PortalSettingsPage';

export const portalModule = {
  name: 'portal',
  nav: { path: 'portal', title: 'modulePortal', text: 'modulePortalText' },
  routes: [{ path: 'portal', element: <PortalSettingsPage /> }],
} satisfies WebModule;
