/** Figures of a municipality from its monitoring data, for other modules (data access in figures.repo.ts). */
export {
  indicatorDimensionValues,
  indicatorsNamed,
  indicatorsOfTopics,
  indicatorsWithDimension,
  municipalTotals,
  populationIndicators,
  type FigureIndicator,
} from './figures.repo';
