/**
 * One jest run over every package, each a project with its own displayName.
 * TypeScript is transpiled by swc (type-checking is `npm run typecheck`, which
 * `npm test` runs first). One embedded PostgreSQL serves the whole run: see
 * jest/globalSetup.ts.
 */
const { readFileSync } = require('node:fs');

// Every subgraph built in this repository is a project, as graph/subgraph-registry.json registers it.
const registered = JSON.parse(readFileSync(`${__dirname}/graph/subgraph-registry.json`, 'utf8')).subgraphs.filter((s) => s.path);
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const project = (displayName, roots, extra = {}) => ({
  displayName,
  roots,
  transform,
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/jest/setupEnv.ts'],
  ...extra,
});

module.exports = {
  rootDir: __dirname,
  globalSetup: '<rootDir>/jest/globalSetup.ts',
  globalTeardown: '<rootDir>/jest/globalTeardown.ts',
  testTimeout: 60_000,
  // jest's default on 2 cores is one worker (cores - 1): the suites then wait on each
  // other's PostgreSQL and HTTP round trips. Two workers took one run from 543 s to 270 s
  // on the 2-core machine, with every test passing.
  maxWorkers: 2,
  projects: [
    project('shared', ['<rootDir>/packages/shared']),
    ...registered.map((s) => project(s.name, [`<rootDir>/${s.path}`])),
    project('gateway', ['<rootDir>/gateway']),
    project('schema', ['<rootDir>/schema']),
    // graphql-codegen (tests/codegen.test.ts regenerates the resolver types) requires auto-bind,
    // which ships only as an ES module: swc turns it into CommonJS for jest.
    project('e2e', ['<rootDir>/tests'], {
      transform: { ...transform, '/node_modules/auto-bind/.+\\.js$': ['@swc/jest'] },
      transformIgnorePatterns: ['/node_modules/(?!auto-bind/)'],
    }),
  ].map((p) => ({ ...p, rootDir: __dirname })),
};
