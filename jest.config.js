/**
 * One jest run over every package, each a project with its own displayName.
 * TypeScript is transpiled by swc (type-checking is `npm run typecheck`, which
 * `npm test` runs first). One embedded PostgreSQL serves the whole run: see
 * jest/globalSetup.ts.
 */
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
  projects: [
    project('shared', ['<rootDir>/packages/shared']),
    project('directory', ['<rootDir>/subgraphs/directory']),
    project('elder-care', ['<rootDir>/subgraphs/elder-care']),
    project('veteran-volunteers', ['<rootDir>/subgraphs/veteran-volunteers']),
    project('neighbour-stations', ['<rootDir>/subgraphs/neighbour-stations']),
    project('assessments', ['<rootDir>/subgraphs/assessments']),
    project('gateway', ['<rootDir>/gateway']),
    project('schema', ['<rootDir>/schema']),
    project('e2e', ['<rootDir>/tests']),
  ].map((p) => ({ ...p, rootDir: __dirname })),
};
