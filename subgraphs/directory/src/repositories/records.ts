import type { EntityManager } from 'typeorm';
import { Person } from '../entities/Person';
import { Organization } from '../entities/Organization';
import { Volunteer } from '../entities/Volunteer';
import type { Gender } from '../entities/Person';
import { insertOrRead, type OrganizationKind } from '@civic/shared';

/**
 * The directory's writes, inside the write path's transaction (`w.tx`). The rows a write
 * checks are locked in the same transaction. Inserts of unique values (an ID number's
 * digest, a credit code, a volunteer number) say "already there" instead of failing,
 * also when a concurrent registration got there first (insertOrRead), so the
 * service can name the existing record. A volunteer's insert can meet either of two
 * keys (the person, the number), so its service asks which.
 */
export function recordsRepository(tx: EntityManager) {
  const one = async <T>(rows: T[]): Promise<T | null> => rows[0] ?? null;
  return {
    person: (id: string) => tx.getRepository(Person).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }),
    volunteer: (personId: string) => tx.getRepository(Volunteer).findOne({ where: { personId }, lock: { mode: 'pessimistic_write' } }),
    organization: (id: string) => tx.getRepository(Organization).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }),

    async regionLevel(code: string): Promise<string | null> {
      const row = await one<{ level: string }>(await tx.query(`/* regionLevel */ SELECT level FROM directory.region WHERE code = $1`, [code]));
      return row?.level ?? null;
    },

    async volunteerWithNumber(number: string): Promise<string | null> {
      const row = await one<{ person_id: string }>(
        await tx.query(`/* volunteerByNumber */ SELECT person_id FROM directory.volunteer WHERE volunteer_number = $1`, [number]),
      );
      return row?.person_id ?? null;
    },

    /** The new person's id (made), or the id of the person already registered with this ID number. */
    insertPerson: (p: {
      name: string;
      gender: Gender;
      birthDate: string;
      phone: string | null;
      sealed: Buffer;
      digest: Buffer;
      regionCode: string;
    }): Promise<{ row: { id: string }; made: boolean }> =>
      insertOrRead(
        tx,
        {
          sql: `/* registerPerson */ INSERT INTO directory.person (name, gender, birth_date, phone, id_number_sealed, id_number_digest, region_code)
                VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id_number_digest) DO NOTHING RETURNING id`,
          params: [p.name, p.gender, p.birthDate, p.phone, p.sealed, p.digest, p.regionCode],
        },
        { sql: `/* personByIdNumberDigest */ SELECT id FROM directory.person WHERE id_number_digest = $1`, params: [p.digest] },
      ),

    async updatePerson(id: string, p: { name: string; phone: string | null; hasPhone: boolean; actedForBy: string | null; regionCode: string }) {
      await tx.query(
        `/* updatePerson */ UPDATE directory.person
         SET name = $2, phone = $3, has_phone = $4, acted_for_by = $5, region_code = $6, updated_at = now() WHERE id = $1`,
        [id, p.name, p.phone, p.hasPhone, p.actedForBy, p.regionCode],
      );
    },

    /**
     * Pseudonymises a person in place (PIPL Art. 47): the identifying fields go, the
     * row stays as a tombstone with its id, gender and home community (what the
     * region totals count) and the year of birth; a volunteer's national number and the
     * graph's own go with them (the graph's is never given again). The caller has locked the row.
     */
    async erasePerson(id: string, name: string) {
      await tx.query(
        `/* erasePerson */ UPDATE directory.person
         SET name = $2, birth_year = extract(year FROM birth_date), birth_date = NULL, phone = NULL, acted_for_by = NULL,
             id_number_sealed = NULL, id_number_digest = NULL, erased_at = now(), updated_at = now()
         WHERE id = $1 AND erased_at IS NULL`,
        [id, name],
      );
      await tx.query(
        `/* eraseVolunteerNumber */ UPDATE directory.volunteer SET volunteer_number = NULL, graph_number = NULL, updated_at = now() WHERE person_id = $1`,
        [id],
      );
    },

    async insertVolunteer(v: {
      personId: string;
      regionCode: string;
      skills: string[];
      availability: string[];
      volunteerNumber: string | null;
    }): Promise<boolean> {
      const rows = await tx.query(
        `/* registerVolunteer */ INSERT INTO directory.volunteer (person_id, region_code, skills, availability, volunteer_number)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING person_id`,
        [v.personId, v.regionCode, v.skills, v.availability, v.volunteerNumber],
      );
      return rows.length === 1;
    },

    async updateVolunteer(v: { personId: string; regionCode: string; skills: string[]; availability: string[]; volunteerNumber: string | null }) {
      await tx.query(
        `/* updateVolunteer */ UPDATE directory.volunteer
         SET region_code = $2, skills = $3, availability = $4, volunteer_number = $5, updated_at = now() WHERE person_id = $1`,
        [v.personId, v.regionCode, v.skills, v.availability, v.volunteerNumber],
      );
    },

    /** The new organisation's id (made), or the id of the one already registered with this credit code. */
    insertOrganization: (o: {
      name: string;
      kind: OrganizationKind;
      creditCode: string;
      regionCode: string;
    }): Promise<{ row: { id: string }; made: boolean }> =>
      insertOrRead(
        tx,
        {
          sql: `/* registerOrganization */ INSERT INTO directory.organization (name, kind, credit_code, region_code) VALUES ($1, $2, $3, $4)
                ON CONFLICT (credit_code) DO NOTHING RETURNING id`,
          params: [o.name, o.kind, o.creditCode, o.regionCode],
        },
        { sql: `/* organizationByCreditCode */ SELECT id FROM directory.organization WHERE credit_code = $1`, params: [o.creditCode] },
      ),

    async updateOrganization(id: string, o: { name: string; kind: OrganizationKind; regionCode: string | null; endedOn: string | null }) {
      await tx.query(
        `/* updateOrganization */ UPDATE directory.organization SET name = $2, kind = $3, region_code = $4, ended_on = $5, updated_at = now() WHERE id = $1`,
        [id, o.name, o.kind, o.regionCode, o.endedOn],
      );
    },
  };
}
export type RecordsRepository = ReturnType<typeof recordsRepository>;
