import type { Page } from '@civic/shared';
import type { ElderCondition, ServiceCategory } from '../domain/vocabulary';
import { Sql, Where } from '@civic/shared';

export interface ElderRow {
  id: string;
  personId: string;
  regionCode: string;
  conditions: ElderCondition[];
  careNeeds: ServiceCategory[];
  careNote: string | null;
  emergencyContactPersonId: string | null;
  emergencyContactRelationship: string | null;
}

export interface CarerRow {
  elderId: string;
  personId: string;
  relationship: string;
}

export interface ElderFilter {
  regionCode: string | null;
  condition: ElderCondition | null;
}

const COLUMNS = `id, person_id AS "personId", region_code AS "regionCode", conditions, care_needs AS "careNeeds",
  care_note AS "careNote", emergency_contact_person_id AS "emergencyContactPersonId",
  emergency_contact_relationship AS "emergencyContactRelationship"`;

function filterOf(filter: ElderFilter): Where {
  const where = new Where().region('region_code', filter.regionCode);
  if (filter.condition) where.add(`conditions @> ARRAY[$]::text[]`, filter.condition);
  return where;
}

export function elderRepository(db: Sql) {
  return {
    findByIds: (ids: readonly string[]): Promise<ElderRow[]> =>
      db.query(`/* eldersByIds */ SELECT ${COLUMNS} FROM elder_care.elder WHERE id = ANY($1::uuid[])`, [ids]),

    carersOf: (elderIds: readonly string[]): Promise<CarerRow[]> =>
      db.query(
        `/* carersOfElders */ SELECT elder_id AS "elderId", person_id AS "personId", relationship
         FROM elder_care.elder_carer WHERE elder_id = ANY($1::uuid[]) ORDER BY person_id`,
        [elderIds],
      ),

    /** True when `carerId` is recorded as family of the elder who is person `elderPersonId`. */
    async isCarerOfPerson(carerId: string, elderPersonId: string): Promise<boolean> {
      const rows = await db.query(
        `/* isCarerOfPerson */ SELECT 1 FROM elder_care.elder_carer c JOIN elder_care.elder e ON e.id = c.elder_id
         WHERE c.person_id = $1 AND e.person_id = $2`,
        [carerId, elderPersonId],
      );
      return rows.length > 0;
    },

    /** The mutual-aid station of each pilot community asked for. */
    stationsOf: (regionCodes: readonly string[]): Promise<{ regionCode: string; stationId: string }[]> =>
      db.query(
        `/* stationsOfCommunities */ SELECT region_code AS "regionCode", station_id AS "stationId"
         FROM elder_care.pilot_community WHERE region_code = ANY($1::text[]) AND station_id IS NOT NULL`,
        [regionCodes],
      ),

    /** Keyset page ordered by (community, id). */
    page(filter: ElderFilter, page: Page<[string, string]>): Promise<ElderRow[]> {
      const where = filterOf(filter);
      if (page.after) where.add(`(region_code, id) > ($, $::uuid)`, page.after[0], page.after[1]);
      return db.query(
        `/* eldersPage */ SELECT ${COLUMNS} FROM elder_care.elder ${where} ORDER BY region_code, id LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    async count(filter: ElderFilter): Promise<number> {
      const where = filterOf(filter);
      const [{ count }] = await db.query(`/* eldersCount */ SELECT count(*)::int AS count FROM elder_care.elder ${where}`, where.params);
      return count;
    },
  };
}
export type ElderRepository = ReturnType<typeof elderRepository>;
