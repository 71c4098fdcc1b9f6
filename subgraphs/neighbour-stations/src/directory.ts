import path from 'node:path';
import { type GraphServices, queryGraph, serviceOperation } from '@civic/shared';

/** What the station registry asks the directory, which owns regions and organisations, through the graph. */
export interface DirectoryLookup {
  /** true when the directory knows an organisation with this id (a station's operator) */
  organizationExists(organizationId: string): Promise<boolean>;
  /** true when the directory knows this code as a community (社区/村), where a station stands */
  communityExists(regionCode: string): Promise<boolean>;
}

const asked = (name: string) => serviceOperation(path.join(__dirname, '..', 'service-operations', `${name}.graphql`));
const ORGANIZATION = asked('StationOperator');
const COMMUNITY = asked('StationCommunity');

/** The directory through the gateway, asked as this subgraph (queryGraph): it never reads the directory's tables. */
export const gatewayDirectory = (services: GraphServices, timeoutMs = 5_000): DirectoryLookup => ({
  organizationExists: async (id) =>
    (await queryGraph<{ organization: { id: string } | null }>(services, 'the operator', ORGANIZATION, { id }, timeoutMs)).organization !== null,
  communityExists: async (code) =>
    (await queryGraph<{ region: { level: string } | null }>(services, 'the community', COMMUNITY, { code }, timeoutMs)).region?.level === 'COMMUNITY',
});
