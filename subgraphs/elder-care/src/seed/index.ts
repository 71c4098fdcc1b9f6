import type { DataSource, EntityManager } from 'typeorm';
import { daysBetween, makeMonthlyPartitionsCovering, seedStep, serviceLogger, type SeedOptions } from '@civic/shared';
import { LEDGER_PARTITIONING } from '../domain/timeBank';
import { SEED_TODAY } from './timeline';
import { planElderCareSeed } from './plan';
import { seedGeneratedElderCare } from './generated';
import type { ElderCareSeedPlan } from './types';

const logger = serviceLogger('elder-care');

/** One INSERT … SELECT FROM unnest per table: a handful of statements whatever the size. */
async function insert<R>(tx: EntityManager, table: string, columns: [string, string, (row: R) => unknown][], rows: R[]) {
  if (!rows.length) return;
  const list = columns.map(([column]) => column).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  await seedStep('elder-care', table, rows.length, () =>
    tx.query(
      `/* seed ${table} */ INSERT INTO elder_care.${table} (${list}) SELECT * FROM unnest(${arrays})`,
      columns.map(([, , pick]) => rows.map(pick)),
    ),
  );
}

/** text[] columns go through JSON: unnest would flatten a text[][]. */
async function insertJson(tx: EntityManager, sql: string, rows: unknown[]) {
  if (rows.length) await tx.query(sql, [JSON.stringify(rows)]);
}

async function write(tx: EntityManager, plan: ElderCareSeedPlan) {
  await insert(
    tx,
    'pilot_community',
    [
      ['region_code', 'text', (r) => r.regionCode],
      ['station_id', 'uuid', (r) => r.stationId],
      ['joined_on', 'date', () => '2021-03-01'],
    ],
    plan.pilots,
  );
  await insertJson(
    tx,
    `/* seed elder */ INSERT INTO elder_care.elder (id, person_id, region_code, conditions, care_needs, care_note, emergency_contact_person_id, emergency_contact_relationship)
     SELECT e.id, e."personId", e."regionCode", ARRAY(SELECT jsonb_array_elements_text(e.conditions)), ARRAY(SELECT jsonb_array_elements_text(e."careNeeds")),
            e."careNote", e."contactId", e."contactRelationship"
     FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, "personId" uuid, "regionCode" text, conditions jsonb, "careNeeds" jsonb, "careNote" text, "contactId" uuid, "contactRelationship" text)`,
    plan.elders,
  );
  await insert(
    tx,
    'elder_carer',
    [
      ['elder_id', 'uuid', (r) => r.elderId],
      ['person_id', 'uuid', (r) => r.personId],
      ['relationship', 'text', (r) => r.relationship],
    ],
    plan.carers,
  );
  await insert(
    tx,
    'service_team',
    [
      ['id', 'uuid', (r) => r.id],
      ['name', 'text', (r) => r.name],
      ['kind', 'text', (r) => r.kind],
      ['region_code', 'text', (r) => r.regionCode],
      ['organization_id', 'uuid', (r) => r.organizationId],
    ],
    plan.teams,
  );
  await insert(
    tx,
    'service_team_member',
    [
      ['team_id', 'uuid', (r) => r.teamId],
      ['person_id', 'uuid', (r) => r.personId],
    ],
    plan.members,
  );
  await insert(
    tx,
    'service_request',
    [
      ['id', 'uuid', (r) => r.id],
      ['elder_id', 'uuid', (r) => r.elderId],
      ['region_code', 'text', (r) => r.regionCode],
      ['category', 'text', (r) => r.category],
      ['mode', 'text', (r) => r.mode],
      ['status', 'text', (r) => r.status],
      ['volunteer_person_id', 'uuid', (r) => r.volunteerId],
      ['team_id', 'uuid', (r) => r.teamId],
      ['hours', 'numeric', (r) => r.hours],
      ['hours_status', 'text', (r) => r.hoursStatus],
      ['completed_at', 'timestamptz', (r) => r.completedAt],
      ['rating', 'int2', (r) => r.rating],
      ['note', 'text', (r) => r.note],
      ['requested_by', 'uuid', (r) => r.requestedBy],
      ['created_at', 'timestamptz', (r) => r.createdAt],
      ['updated_at', 'timestamptz', (r) => r.updatedAt],
    ],
    plan.requests,
  );
  const steps = [...plan.steps].sort((a, b) => a.at.getTime() - b.at.getTime());
  await insert(
    tx,
    'service_request_step',
    [
      ['request_id', 'uuid', (r) => r.requestId],
      ['status', 'text', (r) => r.status],
      ['actor_person_id', 'uuid', (r) => r.actorId],
      ['acting_as', 'text', (r) => r.actingAs],
      ['hours_status', 'text', (r) => r.hoursStatus ?? null],
      ['hours', 'numeric', (r) => r.hours ?? null],
      ['note', 'text', (r) => r.note ?? null],
      ['at', 'timestamptz', (r) => r.at],
    ],
    steps,
  );
  // Accounts open at zero; each transfer posts to its two accounts as it is written, in the order they happened.
  await insert(
    tx,
    'time_bank_account',
    [
      ['id', 'uuid', (r) => r.id],
      ['kind', 'text', (r) => r.kind],
      ['person_id', 'uuid', (r) => r.personId],
      ['pool_region_code', 'text', (r) => r.poolRegionCode],
      ['region_code', 'text', (r) => r.regionCode],
    ],
    plan.accounts,
  );
  // The ledger's months (LEDGER_PARTITIONING) the plan's transfers fall in: the migration made only the current ones.
  const times = plan.transfers.map((t) => t.at.getTime());
  if (times.length) await makeMonthlyPartitionsCovering(tx, LEDGER_PARTITIONING, new Date(Math.min(...times)), new Date(Math.max(...times)));
  await insert(
    tx,
    'time_bank_transfer',
    [
      ['kind', 'text', (r) => r.kind],
      ['debit_account_id', 'uuid', (r) => r.debitAccountId],
      ['credit_account_id', 'uuid', (r) => r.creditAccountId],
      ['hours', 'numeric', (r) => r.hours],
      ['request_id', 'uuid', (r) => r.requestId],
      ['beneficiary_person_id', 'uuid', (r) => r.beneficiaryId],
      ['category', 'text', (r) => r.category],
      ['reward', 'text', (r) => r.reward],
      ['actor_person_id', 'uuid', (r) => r.actorId],
      ['created_at', 'timestamptz', (r) => r.at],
    ],
    plan.transfers,
  );
}

const DAY_MS = 86_400_000;

/**
 * The demo's history as of another day: every instant moved by the whole days
 * between the plan's own day (SEED_TODAY) and `today`, so its stories keep their
 * shape (this week's worklist is still this week's) and the dashboard's latest
 * months are not empty when the demo is seeded later than the plan's day.
 */
export function movedTo(plan: ElderCareSeedPlan, today: string): ElderCareSeedPlan {
  const days = daysBetween(SEED_TODAY, today);
  if (!days) return plan;
  const move = (at: Date) => new Date(at.getTime() + days * DAY_MS);
  return {
    ...plan,
    requests: plan.requests.map((r) => ({
      ...r,
      createdAt: move(r.createdAt),
      updatedAt: move(r.updatedAt),
      completedAt: r.completedAt && move(r.completedAt),
    })),
    steps: plan.steps.map((s) => ({ ...s, at: move(s.at) })),
    transfers: plan.transfers.map((t) => ({ ...t, at: move(t.at) })),
  };
}

/** Elders, teams, requests in every state and a consistent time bank, from the directory's people (options.population). */
export async function seedElderCare(db: DataSource, options: SeedOptions): Promise<ElderCareSeedPlan | null> {
  if (options.size !== 'demo') {
    await seedGeneratedElderCare(db, { ...options, size: options.size });
    return null;
  }
  const plan = movedTo(planElderCareSeed(options), options.today ?? SEED_TODAY);
  for (const shortfall of plan.shortfalls) logger.warn({ shortfall }, 'elder-care seed figure not met');
  await db.transaction((tx) => write(tx, plan));
  return plan;
}
