import path from 'node:path';
import { queryGraph, serviceOperation } from './graphQuery';
import type { GraphServices } from './subgraphModule';

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

const PERSON_ON_RECORD = serviceOperation(path.join(__dirname, '..', 'service-operations', 'PersonOnRecord.graphql'));

/**
 * People through the gateway, as elder-canteens asks for elders: a subgraph that
 * registers a person as an elder or a veteran checks the person with the directory
 * and never reads its tables, asking as itself (the directory answers a person's
 * year of birth to the graph's own services only). Failures are SERVICE_UNAVAILABLE (queryGraph).
 */
export const gatewayPeople = (services: GraphServices, timeoutMs = 5_000): PersonLookup => ({
  find: async (personId) =>
    (await queryGraph<{ personOnRecord: PersonOnRecord | null }>(services, 'the person', PERSON_ON_RECORD, { id: personId }, timeoutMs)).personOnRecord,
});
