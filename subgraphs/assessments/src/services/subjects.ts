import { assertRegionCode, assertUuid, queryGraph } from '@civic/shared';
import type { SubjectType } from '../domain/vocabulary';

/** What this subgraph learns of a subject from the subgraph that owns it. */
export interface Subject {
  /** the subject's region: a station's or team's community, an organisation's registration, a region itself */
  regionCode: string | null;
}

/** Asks the graph whether a subject exists; null when its owner knows no such subject. */
export interface SubjectLookup {
  find(type: SubjectType, id: string): Promise<Subject | null>;
}

/** Validates a subject id at the edge: a region code for a region, a UUID for the rest. */
export function parseSubjectId(type: SubjectType, id: string): string {
  return type === 'REGION' ? assertRegionCode(id, 'subjectId') : assertUuid(id, 'subjectId');
}

/** One query per subject type, answered by the subgraph that owns the type. */
const QUERIES: Record<SubjectType, { query: string; field: string }> = {
  STATION: { field: 'station', query: 'query AssessedStation($id: ID!) { station(id: $id) { id region { code } } }' },
  VETERAN_TEAM: { field: 'veteranTeam', query: 'query AssessedVeteranTeam($id: ID!) { veteranTeam(id: $id) { id region { code } } }' },
  ORGANIZATION: { field: 'organization', query: 'query AssessedOrganization($id: ID!) { organization(id: $id) { id region { code } } }' },
  REGION: { field: 'region', query: 'query AssessedRegion($id: ID!) { region(code: $id) { code } }' },
};

/**
 * Subjects through the gateway, as any public client asks: stations, teams,
 * organisations and regions are public data, so no identity is needed, and this
 * subgraph never reads another subgraph's tables.
 */
export function gatewaySubjects(gatewayUrl: string, timeoutMs = 5_000): SubjectLookup {
  return {
    async find(type, id) {
      const { query, field } = QUERIES[type];
      const data = await queryGraph(gatewayUrl, 'the subject', query, { id }, timeoutMs);
      const found = data[field];
      if (!found) return null;
      return { regionCode: type === 'REGION' ? found.code : (found.region?.code ?? null) };
    },
  };
}
