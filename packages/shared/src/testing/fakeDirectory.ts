import { startStandInGateway } from './standInGateway';

/**
 * A stand-in for the gateway answering the one question elder care and veteran
 * volunteers ask it (`personOnRecord(id) { id birthYear }`, shared/people.ts): a
 * person is known when a test adds them, with their year of birth.
 */
export async function startFakeDirectory() {
  const people = new Map<string, number>();
  const gateway = await startStandInGateway(({ variables }) => ({
    personOnRecord: people.has(variables.id) ? { id: variables.id, birthYear: people.get(variables.id) } : null,
  }));
  return {
    ...gateway,
    /** adds a person the directory knows, born in `birthYear` */
    add: (id: string, birthYear = 1940) => people.set(id, birthYear),
  };
}
export type FakeDirectory = Awaited<ReturnType<typeof startFakeDirectory>>;
