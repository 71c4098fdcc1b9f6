export * from './database';
export * from './signedFetch';
export * from './subgraphHarness';
export * from './fakeDirectory';
