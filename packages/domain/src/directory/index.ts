export * from './importList';
export * from './areaOfPoint';
export * from './demo';
