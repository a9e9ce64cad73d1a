/** Pages of the import wizard and of the monitoring administration (computed indicators, dimensions). */
export { ImportsPage } from './ImportsPage';
export { ImportRunPage } from './ImportRunPage';
export { ComputedPage } from './ComputedPage';
export { DimensionsPage } from './DimensionsPage';
