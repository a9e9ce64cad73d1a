export { createRng } from './rng';
export { DEMO_AGE_GROUPS } from './ageGroups';
export { generateDemoMunicipality } from './generate';
export { generateDemoDaycare } from './daycare';
export type { DemoDaycareRow, DemoCareType, DemoCareAge } from './daycare';
export type {
  DemoAgeGroupCode,
  DemoDistrict,
  DemoDistrictCharacter,
  DemoMunicipality,
  DemoMunicipalityOptions,
  DemoPopulationRow,
} from './types';
export {
  DEMO_SCHOOL_COUNT,
  DEMO_SINGLE_AGES,
  generateDemoCatchments,
  generateDemoSingleAgePopulation,
} from './entitlement';
export type { DemoSchoolCatchment, DemoSingleAgeRow } from './entitlement';
export type { DissolvedGeometry } from './dissolve';
