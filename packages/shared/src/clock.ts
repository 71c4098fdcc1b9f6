/**
 * What a subgraph reads as "now" where an answer depends on it (a trend's last
 * month): the system's time when served, a fixed or moving instant in a test
 * (`startSubgraphHarness(module, url, { clock })`, `startTestGraph({ clock })`).
 * Reached through `GraphServices.clock`, so nothing reads a global.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock stopped at one instant, for tests. */
export const fixedClock = (at: Date | string): Clock => {
  const instant = new Date(at);
  return () => new Date(instant);
};
