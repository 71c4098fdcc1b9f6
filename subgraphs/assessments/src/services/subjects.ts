import path from 'node:path';
import { assertRegionCode, assertUuid, type GraphServices, queryGraph, serviceOperation, type ServiceOperation } from '@civic/shared';
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

/** One question per subject type (service-operations/), answered by the subgraph that owns the type. */
const asked = (name: string) => serviceOperation(path.join(__dirname, '..', '..', 'service-operations', `${name}.graphql`));
const QUERIES: Record<SubjectType, { operation: ServiceOperation; field: string }> = {
  STATION: { field: 'station', operation: asked('AssessedStation') },
  VETERAN_TEAM: { field: 'veteranTeam', operation: asked('AssessedVeteranTeam') },
  ORGANIZATION: { field: 'organization', operation: asked('AssessedOrganization') },
  REGION: { field: 'region', operation: asked('AssessedRegion') },
};

/**
 * Subjects through the gateway, asked as this subgraph (queryGraph): stations,
 * teams, organisations and regions are public data, but a gateway that admits only
 * signed-in callers or safelisted operations still answers its own subgraphs; and
 * this subgraph never reads another subgraph's tables.
 */
export function gatewaySubjects(services: GraphServices, timeoutMs = 5_000): SubjectLookup {
  return {
    async find(type, id) {
      const { operation, field } = QUERIES[type];
      const data = await queryGraph(services, 'the subject', operation, { id }, timeoutMs);
      const found = data[field];
      if (!found) return null;
      return { regionCode: type === 'REGION' ? found.code : (found.region?.code ?? null) };
    },
  };
}
