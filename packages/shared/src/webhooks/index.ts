export * from './signature';
export * from './backoff';
export * from './endpoint';
