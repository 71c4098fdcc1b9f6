export * from './database';
export * from './signedFetch';
export * from './subgraphHarness';
export * from './captureLogs';
export * from './fakeDirectory';
export * from './standInGateway';
export * from './statements';
export * from './secondServer';
