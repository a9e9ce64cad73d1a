/** Pages of the monitoring module (catalogue, indicator, areas, area profile). */
export { MonitoringHome } from './MonitoringHome';
export { IndicatorPage } from './IndicatorPage';
export { AreasPage } from './AreasPage';
export { AreaProfilePage } from './AreaProfilePage';
