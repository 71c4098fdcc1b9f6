import type { Sql } from '@civic/shared';

export interface CertificationRow {
  id: string;
  stationId: string;
  regionCode: string;
  certifiedAt: Date;
  certifiedBy: string | null;
  suspendedAt: Date | null;
  suspendedBy: string | null;
}

const COLUMNS = `c.id, c.station_id AS "stationId", c.region_code AS "regionCode", c.certified_at AS "certifiedAt",
  c.certified_by AS "certifiedBy", c.suspended_at AS "suspendedAt", c.suspended_by AS "suspendedBy"`;

export function certificationRepository(db: Sql) {
  return {
    /** Every plaque of each station, newest first: the history. */
    ofStations: (stationIds: readonly string[]): Promise<CertificationRow[]> =>
      db.query(
        `/* certificationsOfStations */ SELECT ${COLUMNS} FROM assessments.certification c
         WHERE c.station_id = ANY($1::uuid[]) ORDER BY c.station_id, c.certified_at DESC, c.id`,
        [stationIds],
      ),

    /** The station's live plaque, locked: one finalisation at a time decides about it. */
    async lockLive(stationId: string): Promise<CertificationRow | null> {
      const rows: CertificationRow[] = await db.query(
        `/* lockLiveCertification */ SELECT ${COLUMNS} FROM assessments.certification c
         WHERE c.station_id = $1 AND c.suspended_at IS NULL FOR UPDATE`,
        [stationId],
      );
      return rows[0] ?? null;
    },

    certify: (stationId: string, regionCode: string, assessmentId: string) =>
      db.query(
        `/* certifyStation */ INSERT INTO assessments.certification (station_id, region_code, certified_at, certified_by)
         VALUES ($1, $2, now(), $3)
         ON CONFLICT (station_id) WHERE suspended_at IS NULL DO NOTHING`,
        [stationId, regionCode, assessmentId],
      ),

    suspend: (certificationId: string, assessmentId: string) =>
      db.query(
        `/* suspendCertification */ UPDATE assessments.certification SET suspended_at = greatest(now(), certified_at), suspended_by = $2
         WHERE id = $1 AND suspended_at IS NULL`,
        [certificationId, assessmentId],
      ),

    /** Stations holding a live plaque in a region and everything below it. */
    certifiedIn: async (regionCode: string): Promise<string[]> =>
      (
        await db.query(
          `/* certifiedStationsIn */ SELECT station_id AS "stationId" FROM assessments.certification
           WHERE region_code >= $1 AND region_code < $1 || '~' AND suspended_at IS NULL`,
          [regionCode],
        )
      ).map((r: { stationId: string }) => r.stationId),
  };
}
