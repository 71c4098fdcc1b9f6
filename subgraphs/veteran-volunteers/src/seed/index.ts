import type { DataSource, EntityManager } from 'typeorm';
import { SEED_SCALE, seedInsert, seedStep, serviceLogger, type SeedColumn, type SeedOptions } from '@civic/shared';
import { planVeteranSeed } from './plan';
import type { SeedPlan } from './types';

const logger = serviceLogger('veteran-volunteers');

const VV = 'veteran-volunteers';
const insert = <R>(tx: EntityManager, name: string, table: string, columns: SeedColumn<R>[], rows: R[]) =>
  seedInsert(tx, VV, name, `veteran_volunteers.${table}`, columns, rows);

async function write(tx: EntityManager, plan: SeedPlan) {
  await insert(
    tx,
    'seedServicePoints',
    'service_point',
    [
      ['id', 'uuid', (r) => r.id],
      ['name', 'text', (r) => r.name],
      ['kind', 'text', (r) => r.kind],
      ['region_code', 'text', (r) => r.regionCode],
      ['pilot', 'boolean', (r) => r.pilot],
    ],
    plan.servicePoints,
  );
  // unnest flattens a text[][]: skills travel joined and are split back in the statement.
  await insert(
    tx,
    'seedVeterans',
    'veteran',
    [
      ['id', 'uuid', (r) => r.id],
      ['person_id', 'uuid', (r) => r.personId],
      ['region_code', 'text', (r) => r.regionCode],
      ['service_years', 'int2', (r) => r.serviceYears],
      ['discharge_year', 'int2', (r) => r.dischargeYear],
      ['party_member', 'boolean', (r) => r.partyMember],
      ['skills', 'text', (r) => r.skills.join(','), `coalesce(string_to_array(nullif(u.skills, ''), ','), '{}')`],
    ],
    plan.veterans,
  );
  await insert(
    tx,
    'seedTeams',
    'veteran_team',
    [
      ['id', 'uuid', (r) => r.id],
      ['name', 'text', (r) => r.name],
      ['region_code', 'text', (r) => r.regionCode],
      ['leader_id', 'uuid', (r) => r.leaderId],
      ['service_point_id', 'uuid', (r) => r.servicePointId],
      ['founded_on', 'date', (r) => r.foundedOn],
    ],
    plan.teams,
  );
  await insert(
    tx,
    'seedMemberships',
    'team_membership',
    [
      ['team_id', 'uuid', (r) => r.teamId],
      ['veteran_id', 'uuid', (r) => r.veteranId],
      ['joined_at', 'timestamptz', (r) => r.joinedAt],
      ['left_at', 'timestamptz', (r) => r.leftAt],
    ],
    plan.memberships,
  );
  await insert(
    tx,
    'seedActivities',
    'activity',
    [
      ['id', 'uuid', (r) => r.id],
      ['team_id', 'uuid', (r) => r.teamId],
      ['region_code', 'text', (r) => r.regionCode],
      ['title', 'text', (r) => r.title],
      ['kind', 'text', (r) => r.kind],
      ['starts_at', 'timestamptz', (r) => r.startsAt],
      ['ends_at', 'timestamptz', (r) => r.endsAt],
      ['place', 'text', (r) => r.place],
      ['partner_organization_id', 'uuid', (r) => r.partnerOrganizationId],
    ],
    plan.activities,
  );
  await insert(
    tx,
    'seedAttendance',
    'activity_attendance',
    [
      ['activity_id', 'uuid', (r) => r.activityId],
      ['veteran_id', 'uuid', (r) => r.veteranId],
      ['hours', 'numeric', (r) => r.hours],
    ],
    plan.attendance,
  );
  await insert(
    tx,
    'seedCheckpoints',
    'checkpoint',
    [
      ['id', 'uuid', (r) => r.id],
      ['name', 'text', (r) => r.name],
      ['region_code', 'text', (r) => r.regionCode],
      ['team_id', 'uuid', (r) => r.teamId],
      ['staffed_from', 'time', (r) => r.staffedFrom],
      ['staffed_until', 'time', (r) => r.staffedUntil],
    ],
    plan.checkpoints,
  );
  await insert(
    tx,
    'seedShifts',
    'shift',
    [
      ['checkpoint_id', 'uuid', (r) => r.checkpointId],
      ['veteran_id', 'uuid', (r) => r.veteranId],
      ['starts_at', 'timestamptz', (r) => r.startsAt],
      ['ends_at', 'timestamptz', (r) => r.endsAt],
      ['checked_in_at', 'timestamptz', (r) => r.checkedInAt ?? null],
      ['check_in_method', 'text', (r) => (r.checkedInAt ? 'QR' : null)],
      ['check_in_by', 'uuid', (r) => (r.checkedInAt ? r.by : null)],
      ['checked_out_at', 'timestamptz', (r) => r.checkedOutAt ?? null],
      ['check_out_method', 'text', (r) => (r.checkedOutAt ? 'QR' : null)],
      ['check_out_by', 'uuid', (r) => (r.checkedOutAt ? r.by : null)],
    ],
    plan.shifts,
  );
  await tx.query(
    `/* seedStories */ INSERT INTO veteran_volunteers.story (id, title, narrator, body, tags, region_code, collected_on)
     SELECT s.id, s.title, s.narrator, s.text, ARRAY(SELECT jsonb_array_elements_text(s.tags)), s.region_code, s.collected_on
     FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, title text, narrator text, text text, tags jsonb, region_code text, collected_on date)`,
    [JSON.stringify(plan.stories.map((s) => ({ ...s, region_code: s.regionCode, collected_on: s.collectedOn })))],
  );
  await insert(
    tx,
    'seedHalls',
    'honour_hall',
    [
      ['id', 'uuid', (r) => r.id],
      ['name', 'text', (r) => r.name],
      ['region_code', 'text', (r) => r.regionCode],
      ['opened_on', 'date', (r) => r.openedOn],
    ],
    plan.halls,
  );
  await insert(
    tx,
    'seedHallVisits',
    'honour_hall_visit',
    [
      ['hall_id', 'uuid', (r) => r.hallId],
      ['region_code', 'text', (r) => r.regionCode],
      ['visited_on', 'date', (r) => r.visitedOn],
      ['kind', 'text', (r) => r.kind],
      ['visitor_group', 'text', (r) => r.visitorGroup],
      ['title', 'text', (r) => r.title],
      ['visitors', 'int4', (r) => r.visitors],
    ],
    plan.visits,
  );
}

/** The demo's districts, and at city and province sizes every community's veterans (SEED_SCALE, or a test's `scale`). */
export async function seedVeteranVolunteers(db: DataSource, options: SeedOptions, scale = SEED_SCALE[options.size]): Promise<SeedPlan> {
  const plan = await seedStep(
    VV,
    'plan',
    (p) => p.veterans.length + p.attendance.length,
    () => planVeteranSeed(options, scale),
  );
  for (const shortfall of plan.shortfalls) logger.warn({ shortfall }, 'seed 003 figure not met');
  await db.transaction((tx) => write(tx, plan));
  return plan;
}
