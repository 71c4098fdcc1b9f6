export * from './registry';
export * from './pool';
export { Counter, Gauge, Histogram, Registry } from 'prom-client';
export * from './outcome';
