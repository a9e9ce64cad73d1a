import type { ServerModule } from '../../platform/modules/module';
import { assessmentRoutes } from './assessment.routes';
import { externalRoutes } from './external.routes';
import { seedAssessmentDemo } from './assessment.demo';
import { ensureDefaultInstrument } from './instruments.service';

/** The DKBM self-assessment: instruments, rounds, raters (also external links), workshop, results. */
export const assessmentModule = {
  name: 'assessment',
  tags: [{ name: 'assessment', description: 'Selbsteinschätzung nach dem DKBM-Entwicklungsmodell' }],
  routes: [
    { prefix: '/api/tenants/:tenantId/assessment', plugin: assessmentRoutes },
    { prefix: '', plugin: externalRoutes },
  ],
  permissions: ['tenant.read', 'data.read', 'data.write', 'settings.write'],
  seedDemo: seedAssessmentDemo,
  // The shipped instrument (a platform row, tenant_id NULL) exists before any tenant asks for it.
  onStart: (database) => ensureDefaultInstrument(database.db),
} satisfies ServerModule;
