export * from './rule';
export * from './audience';
export * from './figures';
export * from './series';
