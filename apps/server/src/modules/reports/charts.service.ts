/*
 * The reports module's chart rendering for other modules (the public indicator pages draw the same
 * server-side SVG chart as a report's data block, so both look alike and share one implementation).
 */
export { chartSvg, chartAlt } from './render.common';
