export * from './figures';
export * from './triggers';
export * from './rebuild';
export * from './reader';
export * from './selection';
export * from './bulk';
