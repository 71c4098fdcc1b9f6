export * from './table';
export * from './log';
export * from './trail';
