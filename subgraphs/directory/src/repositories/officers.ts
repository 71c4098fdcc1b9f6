import { insertOrRead, updatedRows, type Sql } from '@civic/shared';

export interface AppointmentRow {
  id: string;
  personId: string;
  regionCode: string;
  appointedAt: Date;
  endedAt: Date | null;
}

const COLUMNS = `id, person_id AS "personId", region_code AS "regionCode", appointed_at AS "appointedAt", ended_at AS "endedAt"`;

/** Who holds a region's office (directory.officer_appointment): current appointments are those not ended. */
export function officerRepository(db: Sql) {
  return {
    /** Appoints, or returns the appointment that already stands (a retry, or one sent at the same time, appoints nobody twice). */
    appoint: async (personId: string, regionCode: string, by: string): Promise<AppointmentRow> =>
      (
        await insertOrRead<AppointmentRow>(
          db,
          {
            sql: `/* appointOfficer */ INSERT INTO directory.officer_appointment (person_id, region_code, appointed_by) VALUES ($1, $2, $3)
                  ON CONFLICT (region_code, person_id) WHERE ended_at IS NULL DO NOTHING RETURNING ${COLUMNS}`,
            params: [personId, regionCode, by],
          },
          {
            sql: `/* standingAppointment */ SELECT ${COLUMNS} FROM directory.officer_appointment WHERE person_id = $1 AND region_code = $2 AND ended_at IS NULL`,
            params: [personId, regionCode],
          },
        )
      ).row,

    async end(personId: string, regionCode: string, by: string): Promise<AppointmentRow | null> {
      const result = await db.query(
        `/* endOfficerAppointment */ UPDATE directory.officer_appointment SET ended_by = $3, ended_at = now()
         WHERE person_id = $1 AND region_code = $2 AND ended_at IS NULL RETURNING ${COLUMNS}`,
        [personId, regionCode, by],
      );
      return updatedRows<AppointmentRow>(result)[0] ?? null;
    },

    findById: async (id: string): Promise<AppointmentRow | null> =>
      (await db.query(`/* appointmentById */ SELECT ${COLUMNS} FROM directory.officer_appointment WHERE id = $1`, [id]))[0] ?? null,

    /** The current officers of each region code, in the order they were appointed. */
    currentOf: (codes: readonly string[]): Promise<AppointmentRow[]> =>
      db.query(
        `/* currentOfficers */ SELECT ${COLUMNS} FROM directory.officer_appointment
         WHERE region_code = ANY($1::text[]) AND ended_at IS NULL ORDER BY appointed_at, id`,
        [codes],
      ),
  };
}
