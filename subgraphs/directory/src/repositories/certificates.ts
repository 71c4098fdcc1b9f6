import type { Sql } from '@civic/shared';

export type HoursSource = 'TIME_BANK' | 'STATION_DUTY' | 'CHECKPOINT_SHIFTS' | 'VETERAN_ACTIVITIES';
export type CertificateIssuer = 'SELF' | 'STATION_MANAGER' | 'DISTRICT_OFFICER' | 'CITY_ADMIN';

/** A certificate as issued, with its revocation once revoked. */
export interface CertificateRow {
  id: string;
  code: string;
  personId: string;
  from: string;
  to: string;
  hours: Record<HoursSource, number>;
  totalHours: number;
  issuedBy: string;
  issuedAs: CertificateIssuer;
  issuerRegionCode: string | null;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  revocationReason: string | null;
  /** the volunteer's community, against which the reader and a revoker are checked */
  regionCode: string;
}

export interface NewCertificate {
  code: string;
  personId: string;
  from: string;
  to: string;
  hours: Record<HoursSource, number>;
  totalHours: number;
  issuedBy: string;
  issuedAs: CertificateIssuer;
  issuerRegionCode: string | null;
}

const SELECT = `SELECT c.id, c.code, c.person_id AS "personId", to_char(c.period_from, 'YYYY-MM-DD') AS "from",
    to_char(c.period_to, 'YYYY-MM-DD') AS "to", c.hours, c.total_hours::float8 AS "totalHours", c.issued_by AS "issuedBy",
    c.issued_as AS "issuedAs", c.issuer_region_code AS "issuerRegionCode", c.issued_at AS "issuedAt",
    r.revoked_at AS "revokedAt", r.revoked_by AS "revokedBy", r.reason AS "revocationReason",
    coalesce(v.region_code, p.region_code) AS "regionCode"
  FROM directory.hours_certificate c
  JOIN directory.person p ON p.id = c.person_id
  LEFT JOIN directory.volunteer v ON v.person_id = c.person_id
  LEFT JOIN directory.hours_certificate_revocation r ON r.certificate_id = c.id`;

export function certificateRepository(db: Sql) {
  return {
    async byCode(code: string): Promise<CertificateRow | null> {
      const [row] = await db.query(`/* certificateByCode */ ${SELECT} WHERE c.code = $1`, [code]);
      return row ?? null;
    },

    async byId(id: string): Promise<CertificateRow | null> {
      const [row] = await db.query(`/* certificateById */ ${SELECT} WHERE c.id = $1`, [id]);
      return row ?? null;
    },

    /** The certificates of these people, each person's newest first (a loader groups them). */
    ofPeople(personIds: readonly string[]): Promise<CertificateRow[]> {
      return db.query(`/* certificatesOfPeople */ ${SELECT} WHERE c.person_id = ANY($1::uuid[]) ORDER BY c.issued_at DESC, c.id`, [[...personIds]]);
    },

    /** Inserts the snapshot; false when the code is taken (a one-in-2^80 chance: draw another). */
    async insert(c: NewCertificate): Promise<string | null> {
      const [row] = await db.query(
        `/* issueHoursCertificate */ INSERT INTO directory.hours_certificate
           (code, person_id, period_from, period_to, hours, total_hours, issued_by, issued_as, issuer_region_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING RETURNING id`,
        [c.code, c.personId, c.from, c.to, JSON.stringify(c.hours), c.totalHours, c.issuedBy, c.issuedAs, c.issuerRegionCode],
      );
      return row?.id ?? null;
    },

    /** Records the revocation once; a second keeps the first. */
    async revoke(id: string, by: string, reason: string): Promise<void> {
      await db.query(
        `/* revokeHoursCertificate */ INSERT INTO directory.hours_certificate_revocation (certificate_id, revoked_by, reason)
         VALUES ($1, $2, $3) ON CONFLICT (certificate_id) DO NOTHING`,
        [id, by, reason],
      );
    },
  };
}
