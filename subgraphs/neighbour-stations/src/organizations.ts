import { queryGraph } from '@civic/shared';

/** What this subgraph asks the directory, which owns organisations, through the graph. */
export interface OrganizationLookup {
  /** true when the directory knows an organisation with this id */
  exists(organizationId: string): Promise<boolean>;
}

const QUERY = 'query StationOperator($id: ID!) { organization(id: $id) { id } }';

/** Organisations through the gateway, as any public client asks: this subgraph never reads the directory's tables. */
export const gatewayOrganizations = (gatewayUrl: string, timeoutMs = 5_000): OrganizationLookup => ({
  exists: async (id) => (await queryGraph<{ organization: { id: string } | null }>(gatewayUrl, 'the operator', QUERY, { id }, timeoutMs)).organization !== null,
});
