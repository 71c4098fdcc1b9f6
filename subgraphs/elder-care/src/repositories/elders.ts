import type { Page } from '@civic/shared';
import type { ElderCondition, ServiceCategory } from '../domain/vocabulary';
import { insertOrRead, Sql, Where } from '@civic/shared';

export interface ElderRow {
  id: string;
  personId: string;
  regionCode: string;
  conditions: ElderCondition[];
  careNeeds: ServiceCategory[];
  careNote: string | null;
  emergencyContactPersonId: string | null;
  emergencyContactRelationship: string | null;
  /** when the elder's enrolment ended; null while enrolled */
  enrolmentEndedAt: Date | null;
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
  emergency_contact_relationship AS "emergencyContactRelationship",
  enrolment_ended_at AS "enrolmentEndedAt"`;

function filterOf(filter: ElderFilter): Where {
  const where = new Where().region('region_code', filter.regionCode);
  if (filter.condition) where.add(`conditions @> ARRAY[$]::text[]`, filter.condition);
  return where;
}

/** A row as registered: everything but its id, and enrolled (no end yet). */
export type NewElder = Omit<ElderRow, 'id' | 'enrolmentEndedAt'>;

export function elderRepository(db: Sql) {
  return {
    /** The elder record of a person, enrolled or ended (a person is an elder once). */
    async findByPerson(personId: string): Promise<ElderRow | null> {
      const [row] = await db.query(`/* elderOfPerson */ SELECT ${COLUMNS} FROM elder_care.elder WHERE person_id = $1`, [personId]);
      return row ?? null;
    },

    /** The row locked for a change, so two officers' changes of one elder apply one after the other. */
    async lock(id: string): Promise<ElderRow | null> {
      const [row] = await db.query(`/* lockElder */ SELECT ${COLUMNS} FROM elder_care.elder WHERE id = $1 FOR UPDATE`, [id]);
      return row ?? null;
    },

    /** A new elder (made), or the person's elder record when they are one already (the unique person_id decides, even between two concurrent registrations). */
    insert: (elder: NewElder): Promise<{ row: ElderRow; made: boolean }> =>
      insertOrRead<ElderRow>(
        db,
        {
          sql: `/* insertElder */ INSERT INTO elder_care.elder
                  (person_id, region_code, conditions, care_needs, care_note, emergency_contact_person_id, emergency_contact_relationship)
                VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (person_id) DO NOTHING RETURNING ${COLUMNS}`,
          params: [
            elder.personId,
            elder.regionCode,
            elder.conditions,
            elder.careNeeds,
            elder.careNote,
            elder.emergencyContactPersonId,
            elder.emergencyContactRelationship,
          ],
        },
        { sql: `/* elderOfPerson */ SELECT ${COLUMNS} FROM elder_care.elder WHERE person_id = $1`, params: [elder.personId] },
      ),

    setConditions: async (id: string, conditions: ElderCondition[]): Promise<void> => {
      await db.query(`/* setElderConditions */ UPDATE elder_care.elder SET conditions = $2 WHERE id = $1`, [id, conditions]);
    },

    endEnrolment: async (id: string, reason: string | null): Promise<void> => {
      await db.query(`/* endElderEnrolment */ UPDATE elder_care.elder SET enrolment_ended_at = now(), enrolment_end_reason = $2 WHERE id = $1`, [id, reason]);
    },

    /** Records a carer, or changes the relationship of one already recorded. */
    addCarer: async (elderId: string, personId: string, relationship: string): Promise<void> => {
      await db.query(
        `/* addElderCarer */ INSERT INTO elder_care.elder_carer (elder_id, person_id, relationship) VALUES ($1, $2, $3)
         ON CONFLICT (elder_id, person_id) DO UPDATE SET relationship = EXCLUDED.relationship`,
        [elderId, personId, relationship],
      );
    },

    /** True when a carer was recorded and is now removed. */
    async removeCarer(elderId: string, personId: string): Promise<boolean> {
      // Through a CTE: TypeORM answers a bare DELETE … RETURNING with [rows, count], a SELECT with its rows.
      const [{ n }] = await db.query(
        `/* removeElderCarer */ WITH gone AS (DELETE FROM elder_care.elder_carer WHERE elder_id = $1 AND person_id = $2 RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [elderId, personId],
      );
      return n > 0;
    },

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
