import type { ServerModule } from '../../platform/modules/module';
import { publicRoutes } from './public.routes';
import { wegweiserRoutes } from './wegweiser.routes';
import { seoRoutes } from './seo.routes';

/** The server-rendered public portal (works without JavaScript). */
export const publicModule = {
  name: 'public',
  tags: [],
  routes: [
    { prefix: '', plugin: publicRoutes },
    { prefix: '', plugin: wegweiserRoutes },
    { prefix: '', plugin: seoRoutes },
  ],
  permissions: [],
} satisfies ServerModule;
