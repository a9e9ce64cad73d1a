/** Pages of the reports module (Bildungsberichte). */
import type { WebModule } from '../module';
import { ReportsPage } from './ReportsPage';
import { ReportPage } from './ReportPage';

export const reportsModule = {
  name: 'reports',
  nav: { path: 'berichte', title: 'moduleReports', text: 'moduleReportsText' },
  routes: [
    { path: 'berichte', element: <ReportsPage /> },
    { path: 'berichte/:reportId', element: <ReportPage /> },
  ],
} satisfies WebModule;
