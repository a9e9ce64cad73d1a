export * from './importList';
export * from './areaOfPoint';
export * from './demo';
export * from './geocode';
