export { renderPublicHome, renderTenantLanding, renderPublicNotFound } from './pages';
export type { PublicTenant, DistrictPopulation } from './pages';
export { publicCss } from './styles';
export { MESSAGES, formatNumber, type Lang } from '../i18n/messages';
export { faviconSvg, FAVICON_HREF } from './favicon';
export { renderPublicGoals, targetChartSvg, type PublicGoal, type PublicTarget } from './goals';
export { renderWegweiser, renderWegweiserEntry, type WegweiserPage } from './wegweiser';
export { renderOpenData, type OpenDataIndicator } from './daten';
export { projection, ringsOf } from './svgMap';
export {
  CLASSES as MAP_CLASSES,
  classBreaks,
  classOf,
  choroplethGeoJson,
  renderIndicatorPage,
  periodText,
  valueText,
  type PublicIndicatorPage,
  type PublicValue,
  type MapAreaProperties,
} from './indicator';
export { renderAreaPage, type PublicAreaPage } from './gebiet';
export {
  renderConferencePage,
  renderConferenceMessage,
  renderRegistrationPage,
  type PublicConferencePage,
  type RegistrationPage,
} from './konferenz';
export {
  renderEntitlementPage,
  ENTITLEMENT_PUBLIC_TEXTS,
  type PublicEntitlementPage,
  type PublicEntitlementRow,
} from './rechtsanspruch';
