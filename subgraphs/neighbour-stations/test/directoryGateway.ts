import { startStandInGateway } from '@civic/shared/src/testing';

/**
 * A stand-in for the gateway, answering the two questions the station registry asks
 * the graph: `organization(id)` (only the organisations a test adds are known) and
 * `region(code)` (every 12-digit code is a community except those a test marks unknown).
 */
export async function startDirectoryGateway() {
  const organizations = new Set<string>();
  const unknownCommunities = new Set<string>();
  const gateway = await startStandInGateway(({ query, variables }) =>
    query.includes('StationCommunity')
      ? { region: unknownCommunities.has(variables.code) ? null : { level: 'COMMUNITY' } }
      : { organization: organizations.has(variables.id) ? { id: variables.id } : null },
  );
  return { ...gateway, organizations, unknownCommunities };
}
