import { queryGraph } from './graphQuery';

/** What a subgraph learns of a person from the directory, which owns people. */
export interface PersonOnRecord {
  id: string;
  /** the year of birth (the date itself stays personal data in the directory) */
  birthYear: number;
}

/** Asks the directory, through the graph, for a person; null when it knows no such person. */
export interface PersonLookup {
  find(personId: string): Promise<PersonOnRecord | null>;
}

const QUERY = 'query PersonOnRecord($id: ID!) { personOnRecord(id: $id) { id birthYear } }';

/**
 * People through the gateway, as elder-canteens asks for elders: a subgraph that
 * registers a person as an elder or a veteran checks the person with the directory
 * and never reads its tables. Failures are SERVICE_UNAVAILABLE (queryGraph).
 */
export const gatewayPeople = (gatewayUrl: string, timeoutMs = 5_000): PersonLookup => ({
  find: async (personId) => (await queryGraph<{ personOnRecord: PersonOnRecord | null }>(gatewayUrl, 'the person', QUERY, { id: personId }, timeoutMs)).personOnRecord,
});
