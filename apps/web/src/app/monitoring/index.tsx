/** Pages of the monitoring module (catalogue, indicator, areas, area profile). */
export { MonitoringPage as MonitoringHome } from '../pages/MonitoringPage';
export function IndicatorPage() {
  return null;
}
export function AreasPage() {
  return null;
}
export function AreaProfilePage() {
  return null;
}
