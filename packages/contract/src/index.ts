export * from './roles';
export * from './tenant';
export * from './auth';
export * from './users';
export * from './errors';
export * from './monitoring';
export * from './assessment';
export * from './text';
