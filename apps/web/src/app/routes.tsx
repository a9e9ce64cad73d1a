import type { RouteObject } from 'react-router';
import { Layout, PublicFrame, Root } from './Layout';
import { TenantRoute } from './tenant';
import { WEB_MODULES } from './modules';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';
import { TenantStartPage } from './pages/TenantStartPage';
import { PeoplePage } from './pages/PeoplePage';
import { SettingsPage } from './pages/SettingsPage';
import { AccountPage } from './pages/AccountPage';
import { PlatformPage } from './pages/PlatformPage';
import { InvitationPage } from './pages/InvitationPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { NotFoundPage } from './pages/NotFoundPage';

/** Routes below the basename /app (German paths). */
export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      {
        element: <PublicFrame />,
        children: [
          { path: 'anmelden', element: <LoginPage /> },
          { path: 'einladung/:token', element: <InvitationPage /> },
          { path: 'passwort-zuruecksetzen/:token', element: <ResetPasswordPage /> },
        ],
      },
      {
        element: <Layout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'konto', element: <AccountPage /> },
          { path: 'plattform', element: <PlatformPage /> },
          {
            path: 't/:slug',
            element: <TenantRoute />,
            children: [
              { index: true, element: <TenantStartPage /> },
              ...WEB_MODULES.flatMap((m) => m.routes),
              { path: 'verwaltung/personen', element: <PeoplePage /> },
              { path: 'verwaltung/einstellungen', element: <SettingsPage /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
