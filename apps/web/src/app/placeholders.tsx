import type { NavEntry, WebModule } from './module';
import { PlaceholderPage } from './pages/PlaceholderPage';

/** Modules that are still being built: a page each that says what they will do („in Vorbereitung“). */
const PLANNED: readonly NavEntry[] = [
  { path: 'ziele', title: 'moduleGoals', text: 'moduleGoalsText', more: 'moduleGoalsMore' },
  { path: 'berichte', title: 'moduleReports', text: 'moduleReportsText', more: 'moduleReportsMore' },
  { path: 'netzwerk', title: 'moduleNetwork', text: 'moduleNetworkText', more: 'moduleNetworkMore' },
  { path: 'befragungen', title: 'moduleSurveys', text: 'moduleSurveysText', more: 'moduleSurveysMore' },
  { path: 'wegweiser', title: 'moduleDirectory', text: 'moduleDirectoryText', more: 'moduleDirectoryMore' },
];

export const placeholderModules: readonly WebModule[] = PLANNED.map((nav) => ({
  name: nav.path,
  nav,
  routes: [{ path: nav.path, element: <PlaceholderPage module={nav} /> }],
}));
