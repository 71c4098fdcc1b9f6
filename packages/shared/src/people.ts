import { queryGraph } from './graphQuery';
import type { ServiceCredentials } from './auth/signing';

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
 * and never reads its tables, asking as itself (`as`: the directory answers a person's
 * year of birth to the graph's own services only). Failures are SERVICE_UNAVAILABLE (queryGraph).
 */
export const gatewayPeople = (gatewayUrl: string, as: ServiceCredentials | undefined, timeoutMs = 5_000): PersonLookup => ({
  find: async (personId) =>
    (await queryGraph<{ personOnRecord: PersonOnRecord | null }>(gatewayUrl, 'the person', QUERY, { id: personId }, timeoutMs, as)).personOnRecord,
});
