/** Pages of the Bildungswegweiser in the workbench (the public pages are server-rendered). */
import type { WebModule } from '../module';
import { DirectoryPage } from './DirectoryPage';
import { ProviderPage } from './ProviderPage';
import { ReviewPage } from './ReviewPage';

export const directoryModule = {
  name: 'directory',
  nav: { path: 'wegweiser', title: 'moduleDirectory', text: 'moduleDirectoryText' },
  routes: [
    { path: 'wegweiser', element: <DirectoryPage /> },
    { path: 'wegweiser/pruefung', element: <ReviewPage /> },
  ],
} satisfies WebModule;

/** A provider's (Anbieter's) own offers: the only entry its account sees in the workbench. */
export const providerModule = {
  name: 'directory-provider',
  nav: {
    path: 'meine-angebote',
    title: 'moduleProviderOffers',
    text: 'moduleProviderOffersText',
    roles: ['provider'],
  },
  routes: [{ path: 'meine-angebote', element: <ProviderPage /> }],
} satisfies WebModule;
