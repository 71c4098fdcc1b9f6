import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { addDays, chinaToday, type Identity, type Role } from '@civic/shared';

/** Rows each test makes for itself, straight into the subgraph's tables. */
export const newId = () => randomUUID();

export const caller = (sub: string, roles: Role[] = [], region: string | null = null): Identity => ({ sub, roles, region });

export interface StationFields {
  name?: string;
  regionCode?: string;
  latitude?: number;
  longitude?: number;
  status?: 'OPEN' | 'CLOSED';
  mode?: 'SERIAL' | 'PARALLEL';
  helps?: string[];
  eightHaves?: Record<string, string>;
  managers?: string[];
}

export async function insertStation(db: DataSource, fields: StationFields = {}): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, status, mode, helps, eight_haves)
     VALUES ($1, 'VOLUNTEER_SERVICE', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      fields.name ?? '测试驿站',
      fields.regionCode ?? '350504001001',
      fields.latitude ?? 24.9452,
      fields.longitude ?? 118.6705,
      fields.status ?? 'OPEN',
      fields.mode ?? 'SERIAL',
      fields.helps ?? ['CHILDREN', 'EDUCATION', 'MEDICAL', 'ELDERLY', 'HARDSHIP'],
      JSON.stringify(fields.eightHaves ?? {}),
    ],
  );
  for (const personId of fields.managers ?? []) {
    await db.query(`INSERT INTO neighbour_stations.station_manager (station_id, person_id) VALUES ($1, $2)`, [id, personId]);
  }
  return id;
}

/** A unit registered for station duty, with the people recorded as its members (who may claim for it). */
export async function insertUnit(db: DataSource, kind: string, regionCode: string | null = '350504', members: string[] = []): Promise<string> {
  const id = newId();
  await db.query(`INSERT INTO neighbour_stations.duty_unit (organization_id, name, kind, region_code) VALUES ($1, $2, $3, $4)`, [
    id,
    `单位${id.slice(0, 6)}`,
    kind,
    regionCode,
  ]);
  for (const personId of members) {
    await db.query(`INSERT INTO neighbour_stations.duty_unit_member (organization_id, person_id) VALUES ($1, $2)`, [id, personId]);
  }
  return id;
}

/** A slot at explicit times (so a test can place one in progress or in the past). */
export async function insertSlot(
  db: DataSource,
  stationId: string,
  slot: { date: string; half?: string; startsAt: Date; endsAt: Date; claimedBy?: string; onDuty?: string },
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO neighbour_stations.duty_slot (station_id, region_code, date, half, starts_at, ends_at, claimed_by, claimed_at, on_duty_person_id)
     SELECT s.id, s.region_code, $2, $3, $4, $5, $6, CASE WHEN $6::uuid IS NULL THEN NULL ELSE now() END, $7
     FROM neighbour_stations.station s WHERE s.id = $1 RETURNING id`,
    [stationId, slot.date, slot.half ?? 'MORNING', slot.startsAt, slot.endsAt, slot.claimedBy ?? null, slot.onDuty ?? null],
  );
  return id;
}

/** The next date (Fujian time) on or after `daysAhead` days from now that is a weekday or a weekend day. */
export function upcoming(kind: 'weekday' | 'weekend', daysAhead = 2): string {
  for (let i = daysAhead; ; i++) {
    const date = addDays(chinaToday(), i);
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    if ((day === 0 || day === 6) === (kind === 'weekend')) return date;
  }
}
