import { regionCodeRange, type Page } from '@civic/shared';
import type { PlannedSlot } from '../domain/rota';
import type { OrganizationKind } from '@civic/shared';
import type { HalfDay } from '../domain/vocabulary';
import { Sql, Where, type CheckInMethod, type CheckInStamps } from '@civic/shared';

export interface DutySlotRow extends CheckInStamps {
  id: string;
  stationId: string;
  regionCode: string;
  date: string;
  half: HalfDay;
  startsAt: Date;
  endsAt: Date;
  claimedBy: string | null;
  claimedAt: Date | null;
  onDutyPersonId: string | null;
  noShowMarkedAt: Date | null;
  noShowMarkedBy: string | null;
}

/** QR: the person on duty scanned the station's code; BY_HAND: the station's staff recorded it. */
export type { CheckInMethod };

export interface DutyUnitRow {
  organizationId: string;
  name: string;
  kind: OrganizationKind;
  regionCode: string | null;
}

const SLOT_COLUMNS = `d.id, d.station_id AS "stationId", d.region_code AS "regionCode", d.date::text AS date, d.half,
  d.starts_at AS "startsAt", d.ends_at AS "endsAt", d.claimed_by AS "claimedBy", d.claimed_at AS "claimedAt",
  d.on_duty_person_id AS "onDutyPersonId", d.checked_in_at AS "checkedInAt", d.checked_out_at AS "checkedOutAt",
  d.check_in_method AS "checkInMethod", d.check_in_by AS "checkInBy", d.check_out_method AS "checkOutMethod", d.check_out_by AS "checkOutBy",
  d.no_show_marked_at AS "noShowMarkedAt", d.no_show_marked_by AS "noShowMarkedBy"`;

export interface UnclaimedFilter {
  regionCode: string;
  from: string;
  to: string;
  kind: OrganizationKind | null;
}

function unclaimedWhere(filter: UnclaimedFilter, now: Date): Where {
  const where = new Where()
    .add('d.claimed_by IS NULL')
    .add('d.region_code >= $ AND d.region_code < $', ...regionCodeRange(filter.regionCode))
    .add('d.date BETWEEN $::date AND $::date', filter.from, filter.to)
    .add('d.starts_at > $', now);
  if (filter.kind) {
    where.add(`(CASE WHEN extract(isodow FROM d.date) >= 6 THEN s.weekend_unit_kinds ELSE s.weekday_unit_kinds END) @> ARRAY[$]::text[]`, filter.kind);
  }
  return where;
}
const UNCLAIMED_FROM = `neighbour_stations.duty_slot d JOIN neighbour_stations.station s ON s.id = d.station_id AND s.status = 'OPEN'`;

export function dutySlotRepository(db: Sql) {
  return {
    ofStation: (stationId: string, from: string, to: string): Promise<DutySlotRow[]> =>
      db.query(
        `/* dutySlotsOfStation */ SELECT ${SLOT_COLUMNS} FROM neighbour_stations.duty_slot d
         WHERE d.station_id = $1 AND d.date BETWEEN $2::date AND $3::date ORDER BY d.starts_at`,
        [stationId, from, to],
      ),

    /** Unclaimed slots still ahead, in time order: keyset on (starts_at, id). */
    unclaimedPage(filter: UnclaimedFilter, page: Page<[string, string]>, now: Date): Promise<DutySlotRow[]> {
      const where = unclaimedWhere(filter, now);
      if (page.after) where.add('(d.starts_at, d.id) > ($::timestamptz, $::uuid)', ...page.after);
      return db.query(
        `/* unclaimedDutySlots */ SELECT ${SLOT_COLUMNS} FROM ${UNCLAIMED_FROM}
         ${where} ORDER BY d.starts_at, d.id LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    async unclaimedCount(filter: UnclaimedFilter, now: Date): Promise<number> {
      const where = unclaimedWhere(filter, now);
      const [{ count }] = await db.query(`/* unclaimedDutySlotsCount */ SELECT count(*)::int AS count FROM ${UNCLAIMED_FROM} ${where}`, where.params);
      return count;
    },

    /** Locks the slot for the rest of the transaction: concurrent claims queue here. */
    async lock(id: string): Promise<DutySlotRow | null> {
      const rows: DutySlotRow[] = await db.query(`/* lockDutySlot */ SELECT ${SLOT_COLUMNS} FROM neighbour_stations.duty_slot d WHERE d.id = $1 FOR UPDATE`, [
        id,
      ]);
      return rows[0] ?? null;
    },

    async unit(organizationId: string): Promise<DutyUnitRow | null> {
      const rows: DutyUnitRow[] = await db.query(
        `/* dutyUnit */ SELECT organization_id AS "organizationId", name, kind, region_code AS "regionCode"
         FROM neighbour_stations.duty_unit WHERE organization_id = $1`,
        [organizationId],
      );
      return rows[0] ?? null;
    },

    /** Of these people, those recorded as members of the unit (claiming duty for it needs one). */
    async membersAmong(organizationId: string, personIds: readonly string[]): Promise<string[]> {
      const rows: { personId: string }[] = await db.query(
        `/* dutyUnitMembersAmong */ SELECT person_id AS "personId" FROM neighbour_stations.duty_unit_member
         WHERE organization_id = $1 AND person_id = ANY($2::uuid[])`,
        [organizationId, personIds],
      );
      return rows.map((r) => r.personId);
    },

    /** Publishes slots; those already there (same station, date and half) are kept as they are. */
    publish: (stationId: string, regionCode: string, slots: PlannedSlot[]): Promise<unknown> =>
      db.query(
        `/* publishDutySlots */ INSERT INTO neighbour_stations.duty_slot (station_id, region_code, date, half, starts_at, ends_at)
         SELECT $1, $2, * FROM unnest($3::date[], $4::text[], $5::timestamptz[], $6::timestamptz[])
         ON CONFLICT (station_id, date, half) DO NOTHING`,
        [stationId, regionCode, slots.map((s) => s.date), slots.map((s) => s.half), slots.map((s) => s.startsAt), slots.map((s) => s.endsAt)],
      ),

    async claim(id: string, organizationId: string, personId: string | null): Promise<DutySlotRow> {
      const [rows] = await db.query(
        `/* claimDutySlot */ UPDATE neighbour_stations.duty_slot d
         SET claimed_by = $2, claimed_at = now(), on_duty_person_id = $3
         WHERE d.id = $1 AND d.claimed_by IS NULL RETURNING ${SLOT_COLUMNS}`,
        [id, organizationId, personId],
      );
      return rows[0];
    },

    /** Records a check-in or check-out now, how it was made and who recorded it. */
    async stamp(id: string, what: 'in' | 'out', method: CheckInMethod, by: string): Promise<DutySlotRow> {
      const set =
        what === 'in' ? 'checked_in_at = now(), check_in_method = $2, check_in_by = $3' : 'checked_out_at = now(), check_out_method = $2, check_out_by = $3';
      const [rows] = await db.query(`/* stampDutySlot */ UPDATE neighbour_stations.duty_slot d SET ${set} WHERE d.id = $1 RETURNING ${SLOT_COLUMNS}`, [
        id,
        method,
        by,
      ]);
      return rows[0];
    },

    async markNoShow(id: string, by: string): Promise<DutySlotRow> {
      const [rows] = await db.query(
        `/* markDutySlotNoShow */ UPDATE neighbour_stations.duty_slot d SET no_show_marked_at = now(), no_show_marked_by = $2
         WHERE d.id = $1 RETURNING ${SLOT_COLUMNS}`,
        [id, by],
      );
      return rows[0];
    },

    /** Each person's no-shows on slots of stations within a region code range (every region for null). */
    noShowsOf(personIds: readonly string[], regionCode: string | null): Promise<{ personId: string; count: number }[]> {
      const where = new Where()
        .add('d.on_duty_person_id = ANY($::uuid[])', personIds)
        .add('d.no_show_marked_at IS NOT NULL')
        .region('d.region_code', regionCode);
      return db.query(
        `/* dutyNoShowsOfPeople */ SELECT d.on_duty_person_id::text AS "personId", count(*)::int AS count
         FROM neighbour_stations.duty_slot d ${where} GROUP BY d.on_duty_person_id`,
        where.params,
      );
    },
  };
}
export type DutySlotRepository = ReturnType<typeof dutySlotRepository>;
