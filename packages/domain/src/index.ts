export * from './demo/index';
