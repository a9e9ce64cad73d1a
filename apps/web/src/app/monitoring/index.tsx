/** Pages of the monitoring module (catalogue, indicator, areas, area profile, computed indicators, dimensions). */
import type { WebModule } from '../module';
import { MonitoringHome } from './MonitoringHome';
import { IndicatorPage } from './IndicatorPage';
import { AreasPage } from './AreasPage';
import { AreaProfilePage } from './AreaProfilePage';
import { ComputedPage } from './ComputedPage';
import { DimensionsPage } from './DimensionsPage';
import { CataloguePage } from './CataloguePage';

export const monitoringModule = {
  name: 'monitoring',
  nav: { path: 'monitoring', title: 'moduleMonitoring', text: 'moduleMonitoringText' },
  routes: [
    { path: 'monitoring', element: <MonitoringHome /> },
    { path: 'monitoring/indikatoren/:indicatorId', element: <IndicatorPage /> },
    { path: 'monitoring/gebiete', element: <AreasPage /> },
    { path: 'monitoring/gebiete/:areaId', element: <AreaProfilePage /> },
    { path: 'monitoring/berechnungen', element: <ComputedPage /> },
    { path: 'monitoring/merkmale', element: <DimensionsPage /> },
    { path: 'monitoring/katalog', element: <CataloguePage /> },
  ],
} satisfies WebModule;
