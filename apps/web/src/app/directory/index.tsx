/** Pages of the Bildungswegweiser in the workbench (the public pages are server-rendered). */
import type { WebModule } from '../module';
import { DirectoryPage } from './DirectoryPage';

export const directoryModule = {
  name: 'directory',
  nav: { path: 'wegweiser', title: 'moduleDirectory', text: 'moduleDirectoryText' },
  routes: [{ path: 'wegweiser', element: <DirectoryPage /> }],
} satisfies WebModule;
