/** Pages of the import wizard and of the monitoring administration (computed indicators, dimensions). */
export function ImportsPage() {
  return null;
}
export function ImportRunPage() {
  return null;
}
export function ComputedPage() {
  return null;
}
export function DimensionsPage() {
  return null;
}
