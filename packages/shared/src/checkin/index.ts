export * from './code';
export * from './attendance';
