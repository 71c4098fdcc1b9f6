import { queryGraph } from '@civic/shared';

/** What the station registry asks the directory, which owns regions and organisations, through the graph. */
export interface DirectoryLookup {
  /** true when the directory knows an organisation with this id (a station's operator) */
  organizationExists(organizationId: string): Promise<boolean>;
  /** true when the directory knows this code as a community (社区/村), where a station stands */
  communityExists(regionCode: string): Promise<boolean>;
}

const ORGANIZATION = 'query StationOperator($id: ID!) { organization(id: $id) { id } }';
const COMMUNITY = 'query StationCommunity($code: ID!) { region(code: $code) { level } }';

/** The directory through the gateway, as any public client asks: this subgraph never reads the directory's tables. */
export const gatewayDirectory = (gatewayUrl: string, timeoutMs = 5_000): DirectoryLookup => ({
  organizationExists: async (id) =>
    (await queryGraph<{ organization: { id: string } | null }>(gatewayUrl, 'the operator', ORGANIZATION, { id }, timeoutMs)).organization !== null,
  communityExists: async (code) =>
    (await queryGraph<{ region: { level: string } | null }>(gatewayUrl, 'the community', COMMUNITY, { code }, timeoutMs)).region?.level === 'COMMUNITY',
});
