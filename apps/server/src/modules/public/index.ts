import type { ServerModule } from '../../platform/modules/module';
import { publicRoutes } from './public.routes';

/** The server-rendered public portal (works without JavaScript). */
export const publicModule = {
  name: 'public',
  tags: [],
  routes: [{ prefix: '', plugin: publicRoutes }],
  permissions: [],
} satisfies ServerModule;
