import type { DataSource, EntityManager } from 'typeorm';
import {
  addDays,
  copyRows,
  everydayPlaceName,
  executeCounted,
  loadBypassingRollup,
  loadWithoutIndexes,
  makeMonthlyPartitionsCovering,
  seedStep,
  SeedSql,
  type SeedOptions,
} from '@civic/shared';
import { LEDGER_PARTITIONING, REWARDS } from '../domain/timeBank';
import { ELDER_CARE_ROLLUP } from '../repositories/rollup';
import { DISPUTE_NOTE, JINCUOBIAN_CITY, NOTES, REQUEST_NOTES } from './plan';
import { SEED_TODAY } from './timeline';

/**
 * City and province sizes (issue 15.5), made set-based in SQL: the directory's
 * people go in by COPY once, then each table is a few INSERT … SELECT statements
 * over generate_series, every draw a hash of the seed number and the row's number
 * (SeedSql), so the same seed gives the same rows. Everyone the directory holds
 * born in 1960 or before is an elder; one in nine of the working-age people
 * volunteers. The history spreads over the 365 days before the reference day
 * (`options.today`), many requests recent and few old, each in the state its age
 * allows, and the time bank is its consequence: a deposit for each confirmed
 * request, opening balances carried over for a few volunteers, and spending after
 * hours came in, posted in the order they happened.
 */
export const GENERATED = {
  city: { requestsPerElder: 10, pilots: 40, elderChunk: 50_000 },
  province: { requestsPerElder: 10, pilots: 200, elderChunk: 100_000 },
} as const;
/** One in nine of the working-age people serves elder care (about 100k at province size); the veteran and station seeds may pick others. */
export const VOLUNTEER_SHARE = 1 / 9;
/** The last year born into the elder cohort (the directory's old cohort is 66-95). */
export const ELDER_BORN_BY = 1960;
/** Requests of one elder are numbered elder × 32 + 1 … so a request's draws never meet another's. */
const PER_ELDER = 32;
const CARRIED_OVER = [120, 320, 650];

type Tx = EntityManager;
const run = (tx: Tx, statement: string, params?: unknown[]) => executeCounted(tx, statement, params);
const rows = (n: number) => n;

/** The tables of millions of rows, loaded with their secondary indexes and foreign keys set aside (loadWithoutIndexes). */
const BULK_TABLES = [
  'elder_care.elder',
  'elder_care.elder_carer',
  'elder_care.service_request',
  'elder_care.service_request_step',
  'elder_care.time_bank_transfer',
  'elder_care.time_bank_deposit',
];

/** The draws, by name: each is one salt of the row's hash, so adding a draw never moves another. */
const SALT = {
  volunteer: 1,
  conditions: 2,
  needs: 8,
  note: 12,
  carer: 13,
  requests: 14,
  contact: 15,
  age: 20,
  status: 21,
  groupMode: 22,
  pickVolunteer: 23,
  cancelledUnclaimed: 24,
  byFamily: 25,
  createdHour: 26,
  createdMinute: 27,
  claimedAfter: 28,
  completedHour: 29,
  completedMinute: 30,
  ratedAfter: 31,
  cancelledAfter: 32,
  hours: 33,
  dispute: 34,
  rating: 35,
  requestNote: 36,
  category: 37,
  groupSize: 38,
  groupStart: 39,
  spendDay: 40,
  redeem: 41,
  redeemHours: 42,
  redeemCategory: 43,
  reward: 44,
  rewardKind: 45,
} as const;

const list = (values: readonly (string | null)[]) => `ARRAY[${values.map((v) => (v === null ? 'NULL' : `'${v}'`)).join(', ')}]::text[]`;

export async function seedGeneratedElderCare(db: DataSource, options: SeedOptions & { size: 'city' | 'province' }): Promise<void> {
  await db.transaction((tx) => writeGeneratedElderCare(tx, options));
}

/** The generated seed's statements, in the caller's transaction (a test rolls it back to seed again). */
export async function writeGeneratedElderCare(tx: Tx, options: SeedOptions & { size: 'city' | 'province' }): Promise<void> {
  const size = GENERATED[options.size];
  const today = options.today ?? SEED_TODAY;
  const sql = new SeedSql(options.seed);
  const people = options.population?.people ?? [];
  const step = <T>(name: string, rows: number | ((r: T) => number), work: () => Promise<T>) => seedStep('elder-care', name, rows, work);
  const count = rows;
  {
    await run(tx, `/* seedSession */ SET LOCAL synchronous_commit = off`);
    await run(tx, `/* seedSession */ SET LOCAL work_mem = '256MB'`);
    await step('people from the directory', people.length, () => loadPeople(tx, people));
    await step('cohorts', rows, () => cohorts(tx, sql));
    // The region figures rebuilt once at the end: per statement, the transfers' figures would join each month to every request.
    await loadBypassingRollup(tx, 'elder-care', ELDER_CARE_ROLLUP, () =>
      loadWithoutIndexes(tx, 'elder-care', BULK_TABLES, async () => {
        await step('elder', rows, () => elders(tx, sql));
        await step('elder_carer', rows, () =>
          run(
            tx,
            `/* seed elder_carer */ INSERT INTO elder_care.elder_carer (elder_id, person_id, relationship)
          SELECT id, contact_id, relationship FROM seed_elder WHERE has_carer ORDER BY k`,
          ),
        );
        await step('pilots and teams', rows, () => teams(tx, sql, options, size.pilots));
        const [{ last }] = await tx.query(`/* seedElderCount */ SELECT coalesce(max(k), 0)::int AS last FROM seed_elder`);
        await openAccounts(tx, sql, today, step, count);
        for (let from = 1; from <= last; from += size.elderChunk) {
          const to = Math.min(last, from + size.elderChunk - 1);
          await requestsFor(tx, sql, today, size.requestsPerElder, from, to, last, step, count);
        }
        await ledger(tx, sql, today, step, count);
      }),
    );
    await run(tx, `/* seedAnalyze */ ANALYZE elder_care.elder, elder_care.service_request, elder_care.service_request_step, elder_care.time_bank_transfer`);
  }
}

/** The directory's people, numbered in the order it gave them (by id), into a table of this transaction. */
async function loadPeople(tx: Tx, people: NonNullable<SeedOptions['population']>['people']) {
  await run(
    tx,
    `/* seedPeopleTable */ CREATE TEMP TABLE seed_person (
    n int, id uuid, male boolean, birth_date date, region_code text, surname text) ON COMMIT DROP`,
  );
  await copyRows(
    tx,
    'seed_person',
    ['n', 'id', 'male', 'birth_date', 'region_code', 'surname'],
    (function* () {
      let n = 0;
      for (const p of people) yield [++n, p.id, p.gender === 'MALE', p.birthDate, p.regionCode, p.name?.slice(0, 1) ?? null];
    })(),
  );
}

/** Elders (born by 1960), the working-age numbered per district, the volunteers among them, and each district's counts. */
async function cohorts(tx: Tx, sql: SeedSql): Promise<number> {
  await run(
    tx,
    `/* seedElderCohort */ CREATE TEMP TABLE seed_old ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY n)::int AS k, * FROM seed_person
    WHERE birth_date < '${ELDER_BORN_BY + 1}-01-01' AND region_code ~ '^[0-9]{12}$'`,
  );
  await run(
    tx,
    `/* seedWorkingCohort */ CREATE TEMP TABLE seed_working ON COMMIT DROP AS
    SELECT row_number() OVER (PARTITION BY left(region_code, 6) ORDER BY n)::int AS k, left(region_code, 6) AS district, * FROM seed_person
    WHERE birth_date >= '${ELDER_BORN_BY + 1}-01-01' AND region_code ~ '^[0-9]{12}$'`,
  );
  await run(
    tx,
    `/* seedVolunteers */ CREATE TEMP TABLE seed_volunteer ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY n)::int AS g, row_number() OVER (PARTITION BY district ORDER BY n)::int AS k, district, id AS person_id, region_code
    FROM seed_working WHERE ${sql.random('n', SALT.volunteer)} < ${VOLUNTEER_SHARE}`,
  );
  await run(
    tx,
    `/* seedDistricts */ CREATE TEMP TABLE seed_district ON COMMIT DROP AS
    SELECT w.district, w.workers, coalesce(v.volunteers, 0) AS volunteers
    FROM (SELECT district, count(*)::int AS workers FROM seed_working GROUP BY district) w
    LEFT JOIN (SELECT district, count(*)::int AS volunteers FROM seed_volunteer GROUP BY district) v USING (district)`,
  );
  await run(tx, `CREATE INDEX ON seed_working (district, k)`);
  await run(tx, `CREATE INDEX ON seed_volunteer (district, k)`);
  await run(tx, `CREATE INDEX ON seed_volunteer (person_id)`);
  const [{ n }] = await tx.query(`SELECT (SELECT count(*) FROM seed_old) + (SELECT count(*) FROM seed_working) AS n`);
  return Number(n);
}

/**
 * Each elder's record and emergency contact: someone of working age of the
 * district, recorded by what they can be (kin.ts's rules: a son or nephew male,
 * a daughter or daughter-in-law female, 18 to 45 years younger, a male elder's
 * children of his surname), a neighbour otherwise.
 */
async function elders(tx: Tx, sql: SeedSql) {
  const r = (salt: number) => sql.random('o.n', salt);
  const condition = (name: string, odds: number, salt: number) => `CASE WHEN ${r(salt)} < ${odds} THEN '${name}' END`;
  await run(
    tx,
    `/* seedElderPlan */ CREATE TEMP TABLE seed_elder ON COMMIT DROP AS
    SELECT o.k, o.n, ${sql.uuid('elder', 'o.k')} AS id, o.id AS person_id, o.region_code, left(o.region_code, 6) AS district,
      coalesce(nullif(array_remove(ARRAY[
        CASE WHEN o.birth_date < '1947-01-01' THEN 'ADVANCED_AGE' END,
        ${condition('LIVING_ALONE', 0.3, SALT.conditions)}, ${condition('DISABLED', 0.12, SALT.conditions + 1)},
        ${condition('EMPTY_NEST', 0.35, SALT.conditions + 2)}, ${condition('LOW_INCOME', 0.15, SALT.conditions + 3)}], NULL), '{}'), '{EMPTY_NEST}') AS conditions,
      coalesce(nullif(array_remove(ARRAY[
        ${condition('MEAL', 0.5, SALT.needs)}, ${condition('VISIT', 0.4, SALT.needs + 1)},
        ${condition('CLINIC', 0.3, SALT.needs + 2)}, ${condition('COMPANIONSHIP', 0.4, SALT.needs + 3)}], NULL), '{}'), '{VISIT}') AS care_needs,
      (${list(NOTES)})[${sql.int('o.n', SALT.note, 1, NOTES.length)}] AS care_note,
      w.id AS contact_id, kin.relationship,
      kin.relationship <> '邻居' AND ${r(SALT.carer)} < 0.7 AS has_carer,
      ${sql.int('o.n', SALT.requests, 0, 2 * 10)} AS requests
    FROM seed_old o
    JOIN seed_district d ON d.district = left(o.region_code, 6)
    JOIN seed_working w ON w.district = d.district AND w.k = 1 + floor(${r(SALT.contact)} * d.workers)::int
    CROSS JOIN LATERAL (SELECT (w.birth_date - o.birth_date) / 365.25 BETWEEN 18 AND 45 AS gap_ok,
                               NOT o.male OR o.surname IS NULL OR o.surname = w.surname AS his_name) f
    CROSS JOIN LATERAL (SELECT CASE
      WHEN NOT f.gap_ok THEN '邻居'
      WHEN w.male AND f.his_name THEN CASE WHEN ${r(SALT.contact + 1)} < 0.8 THEN '儿子' ELSE '侄子' END
      WHEN NOT w.male AND f.his_name AND ${r(SALT.contact + 2)} < 0.6 THEN '女儿'
      WHEN NOT w.male THEN '儿媳'
      ELSE '邻居' END AS relationship) kin`,
  );
  await run(tx, `CREATE INDEX ON seed_elder (k)`);
  return run(
    tx,
    `/* seed elder */ INSERT INTO elder_care.elder
      (id, person_id, region_code, conditions, care_needs, care_note, emergency_contact_person_id, emergency_contact_relationship)
    SELECT id, person_id, region_code, conditions, care_needs, care_note, contact_id, relationship FROM seed_elder ORDER BY k`,
  );
}

/**
 * 金厝边 pilots (Fuzhou communities with a mutual-aid station, as the demo picks
 * them) with a resident group of 3-6 of the district's volunteers each; each
 * district's volunteer team, all its volunteers members; a social-work agency's
 * team of three where the district has one.
 */
async function teams(tx: Tx, sql: SeedSql, options: SeedOptions, pilotsPerDistrict: number): Promise<number> {
  const regions = new Map((options.population?.regions ?? []).map((r) => [r.code, r.name]));
  const placeName = (code: string) => (regions.has(code) ? everydayPlaceName(regions.get(code)!) : code);
  const districtRows: { district: string; first: string }[] = await tx.query(
    `SELECT left(region_code, 6) AS district, min(region_code) AS first FROM seed_old GROUP BY 1 ORDER BY 1`,
  );
  const stations = (options.population?.stations ?? [])
    .filter((s) => s.regionCode.startsWith(JINCUOBIAN_CITY) && s.regionCode.length === 12 && !/退役军人/.test(s.name))
    .sort((a, b) => Number(/互助/.test(b.name)) - Number(/互助/.test(a.name)) || a.regionCode.localeCompare(b.regionCode));
  const pilots: { regionCode: string; stationId: string }[] = [];
  for (const { district } of districtRows) {
    const seen = new Set<string>();
    for (const s of stations.filter((st) => st.regionCode.startsWith(district))) {
      if (seen.size >= pilotsPerDistrict) break;
      if (!seen.has(s.regionCode)) pilots.push({ regionCode: s.regionCode, stationId: s.id });
      seen.add(s.regionCode);
    }
  }
  const teams: { id: string; name: string; kind: string; regionCode: string; organizationId: string | null }[] = [];
  pilots.forEach((p, i) =>
    teams.push({
      id: sql.uuidOf('group', i + 1),
      name: `${placeName(p.regionCode)}邻里互助组`,
      kind: 'RESIDENT_GROUP',
      regionCode: p.regionCode,
      organizationId: null,
    }),
  );
  const agencies = (options.population?.organizations ?? []).filter((o) => o.kind === 'SOCIAL_WORK_AGENCY');
  districtRows.forEach(({ district, first }, i) => {
    const home = pilots.find((p) => p.regionCode.startsWith(district))?.regionCode ?? first;
    const fuzhou = district.startsWith(JINCUOBIAN_CITY);
    teams.push({
      id: sql.uuidOf('team', i + 1),
      name: `${placeName(district)}${fuzhou ? '金厝边' : '助老'}志愿服务队`,
      kind: 'VOLUNTEER_TEAM',
      regionCode: home,
      organizationId: null,
    });
    agencies
      .filter((o) => o.regionCode?.startsWith(district))
      .slice(0, 2)
      .forEach((agency, j) =>
        teams.push({ id: sql.uuidOf('agency', i * 2 + j + 1), name: agency.name, kind: 'SERVICE_ORGANIZATION', regionCode: home, organizationId: agency.id }),
      );
  });
  await run(
    tx,
    `/* seed pilot_community */ INSERT INTO elder_care.pilot_community (region_code, station_id, joined_on) SELECT *, '2021-03-01'::date FROM unnest($1::text[], $2::uuid[])`,
    [pilots.map((p) => p.regionCode), pilots.map((p) => p.stationId)],
  );
  await run(
    tx,
    `/* seed service_team */ INSERT INTO elder_care.service_team (id, name, kind, region_code, organization_id) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[])`,
    [teams.map((t) => t.id), teams.map((t) => t.name), teams.map((t) => t.kind), teams.map((t) => t.regionCode), teams.map((t) => t.organizationId)],
  );
  // A group's members: 3-6 consecutive volunteers of its district from a drawn start.
  await run(
    tx,
    `/* seedGroups */ CREATE TEMP TABLE seed_group_member ON COMMIT DROP AS
    SELECT t.id AS team_id, t.region_code, j, v.person_id, v.g, m.size
    FROM elder_care.service_team t
    JOIN seed_district d ON d.district = left(t.region_code, 6) AND d.volunteers > 0
    CROSS JOIN LATERAL (SELECT least(d.volunteers, ${sql.int("('x' || right(t.id::text, 12))::bit(48)::bigint", SALT.groupSize, 3, 6)}) AS size,
                               ${sql.int("('x' || right(t.id::text, 12))::bit(48)::bigint", SALT.groupStart, 0, 1_000_000)} AS start) m
    CROSS JOIN LATERAL generate_series(0, m.size - 1) j
    JOIN seed_volunteer v ON v.district = d.district AND v.k = 1 + (m.start + j) % nullif(d.volunteers, 0)
    WHERE t.kind = 'RESIDENT_GROUP'`,
  );
  const members = await run(
    tx,
    `/* seed service_team_member */ INSERT INTO elder_care.service_team_member (team_id, person_id)
    SELECT team_id, person_id FROM seed_group_member
    UNION ALL
    SELECT t.id, v.person_id FROM elder_care.service_team t JOIN seed_volunteer v ON v.district = left(t.region_code, 6) WHERE t.kind = 'VOLUNTEER_TEAM'
    UNION ALL
    SELECT t.id, w.id FROM elder_care.service_team t JOIN seed_working w ON w.district = left(t.region_code, 6) AND w.k <= 3 WHERE t.kind = 'SERVICE_ORGANIZATION'`,
  );
  return pilots.length + teams.length + members;
}

/** Every volunteer's account, and the issuing and redemption accounts of each city with elders. */
async function openAccounts(tx: Tx, sql: SeedSql, _today: string, step: StepFn, count: typeof rows) {
  await step('time_bank_account', count, () =>
    run(
      tx,
      `/* seed time_bank_account */ INSERT INTO elder_care.time_bank_account (id, kind, person_id, region_code)
      SELECT ${sql.uuid('account', 'g')}, 'PERSON', person_id, region_code FROM seed_volunteer
      UNION ALL
      SELECT ${sql.uuid('programme', "c.n * 2 + CASE k.kind WHEN 'ISSUING' THEN 0 ELSE 1 END")}, k.kind, NULL, c.city
      FROM (SELECT city, row_number() OVER (ORDER BY city) AS n FROM (SELECT DISTINCT left(district, 4) AS city FROM seed_district) d) c
      CROSS JOIN (VALUES ('ISSUING'), ('REDEMPTION')) k(kind)
      ON CONFLICT DO NOTHING`,
    ),
  );
  await run(
    tx,
    `/* seedProgrammeAccounts */ CREATE TEMP TABLE seed_programme ON COMMIT DROP AS
    SELECT region_code AS city, max(id::text) FILTER (WHERE kind = 'ISSUING')::uuid AS issuing, max(id::text) FILTER (WHERE kind = 'REDEMPTION')::uuid AS redemption
    FROM elder_care.time_bank_account WHERE kind IN ('ISSUING', 'REDEMPTION') GROUP BY region_code`,
  );
  await run(
    tx,
    `/* seedTransfersTable */ CREATE TEMP TABLE seed_transfer (
    ord bigint, kind text, debit uuid, credit uuid, hours numeric(8, 2), request_id uuid, request_region_code text, beneficiary uuid, category text,
    reward text, actor uuid, at timestamptz) ON COMMIT DROP`,
  );
}

type StepFn = <T>(name: string, rows: number | ((r: T) => number), work: () => Promise<T>) => Promise<T>;

/** The China-time instant `hour`:`minute` on the day `days` before `today`. */
const instant = (today: string, days: string, hour: string, minute: string) =>
  `(('${today}'::date - (${days}))::timestamp + make_interval(hours => ${hour}, mins => ${minute})) AT TIME ZONE 'Asia/Shanghai'`;

/**
 * Requests of elders `from`…`to` (their numbers), with each one's steps and the
 * deposit of its confirmed hours: first planned into a table of this
 * transaction, then one INSERT … SELECT per table.
 */
async function requestsFor(tx: Tx, sql: SeedSql, today: string, perElder: number, from: number, to: number, last: number, step: StepFn, count: typeof rows) {
  const r = (salt: number) => sql.random('q.rn', salt);
  const int = (salt: number, a: number, b: number) => sql.int('q.rn', salt, a, b);
  await run(tx, `DROP TABLE IF EXISTS seed_req`);
  const planned = await step(`plan requests of elders ${from}-${to} of ${last}`, count, () =>
    run(
      tx,
      `/* seedRequestPlan */ CREATE TEMP TABLE seed_req ON COMMIT DROP AS
    WITH q AS MATERIALIZED (
      SELECT e.*, e.k::bigint * ${PER_ELDER} + nth AS rn, 1 + floor(365 * ${sql.random('e.k::bigint * ' + PER_ELDER + ' + nth', SALT.age)} ^ 2)::int AS age,
             g.team_id AS group_id, g.size AS group_size
      FROM seed_elder e
      CROSS JOIN LATERAL generate_series(1, least(e.requests * ${perElder} / 10, ${PER_ELDER - 1})) nth
      LEFT JOIN seed_group_member g ON g.region_code = e.region_code AND g.j = 0
      WHERE e.k BETWEEN ${from} AND ${to}
    ), drawn AS MATERIALIZED (
      SELECT q.*, ${r(SALT.status)} AS s, q.group_id IS NOT NULL AND ${r(SALT.groupMode)} < 0.4 AS by_group,
             q.has_carer AND ${r(SALT.byFamily)} < 0.5 AS by_family, d.volunteers
      FROM q JOIN seed_district d ON d.district = q.district
    ), state AS MATERIALIZED (
      SELECT drawn.*, CASE
        WHEN age < 2 THEN CASE WHEN s < 0.6 THEN 'OPEN' WHEN s < 0.95 THEN 'CLAIMED' ELSE 'CANCELLED' END
        WHEN age < 14 THEN CASE WHEN s < 0.2 THEN 'OPEN' WHEN s < 0.45 THEN 'CLAIMED' WHEN s < 0.75 THEN CASE WHEN age < 9 THEN 'RATED' ELSE 'COMPLETED' END
                                WHEN s < 0.92 THEN 'RATED' ELSE 'CANCELLED' END
        WHEN age < 60 THEN CASE WHEN s < 0.03 THEN 'OPEN' WHEN s < 0.08 THEN 'CLAIMED' WHEN s < 0.45 THEN 'COMPLETED' WHEN s < 0.9 THEN 'RATED' ELSE 'CANCELLED' END
        ELSE CASE WHEN s < 0.4 THEN 'COMPLETED' WHEN s < 0.9 THEN 'RATED' ELSE 'CANCELLED' END
      END AS drawn_status FROM drawn
    ), served AS MATERIALIZED (
      SELECT q.*,
        -- Nobody in the district to serve: an old request was cancelled, a recent one still waits.
        CASE WHEN volunteers = 0 AND drawn_status NOT IN ('OPEN', 'CANCELLED') THEN CASE WHEN age < 14 THEN 'OPEN' ELSE 'CANCELLED' END ELSE drawn_status END AS status,
        CASE WHEN by_group THEN ${int(SALT.pickVolunteer, 0, 1_000_000)} % nullif(group_size, 0) ELSE ${int(SALT.pickVolunteer, 0, 1_000_000)} END AS pick
      FROM state q
    ), chosen AS MATERIALIZED (
      SELECT served.*, coalesce(gm.person_id, v.person_id) AS candidate, coalesce(gm.g, v.g) AS candidate_g,
             coalesce(gm2.person_id, v2.person_id) AS other, coalesce(gm2.g, v2.g) AS other_g
      FROM served
      LEFT JOIN seed_group_member gm ON served.by_group AND gm.team_id = served.group_id AND gm.j = served.pick
      LEFT JOIN seed_group_member gm2 ON served.by_group AND gm2.team_id = served.group_id AND gm2.j = (served.pick + 1) % nullif(served.group_size, 0)
      LEFT JOIN seed_volunteer v ON NOT served.by_group AND served.volunteers > 0 AND v.district = served.district AND v.k = 1 + served.pick % nullif(served.volunteers, 0)
      LEFT JOIN seed_volunteer v2 ON NOT served.by_group AND served.volunteers > 1 AND v2.district = served.district AND v2.k = 1 + (served.pick + 1) % nullif(served.volunteers, 0)
    )
    SELECT q.rn, ${sql.uuid('request', 'q.rn')} AS id, q.id AS elder_id, q.person_id AS elder_person_id, q.region_code, q.age,
      q.care_needs[1 + floor(${r(SALT.category)} * cardinality(q.care_needs))::int] AS category,
      CASE WHEN q.by_group THEN 'MUTUAL_AID_GROUP' ELSE 'VOLUNTEER_CLAIM' END AS mode,
      CASE WHEN q.by_group THEN q.group_id END AS team_id,
      CASE WHEN q.by_group THEN 'GROUP_MEMBER' ELSE 'VOLUNTEER' END AS serving_as,
      CASE WHEN q.by_family THEN q.contact_id ELSE q.person_id END AS requested_by,
      CASE WHEN q.by_family THEN 'FAMILY_MEMBER' ELSE 'ELDER' END AS acting_as,
      -- Nobody on the elder's side serves: the contact drawn is passed over for the next.
      CASE WHEN q.status = 'OPEN' OR (q.status = 'CANCELLED' AND ${r(SALT.cancelledUnclaimed)} < 0.5) THEN NULL
           WHEN q.candidate = q.contact_id THEN q.other ELSE q.candidate END AS volunteer_id,
      CASE WHEN q.candidate = q.contact_id THEN q.other_g ELSE q.candidate_g END AS volunteer_g,
      q.status AS drawn, ${r(SALT.dispute)} < 0.01 AS disputes,
      ${instant(today, 'q.age', int(SALT.createdHour, 8, 18), int(SALT.createdMinute, 0, 59))} AS created,
      ${int(SALT.claimedAfter, 1, 3)} AS claimed_after, ${int(SALT.cancelledAfter, 1, 3)} AS cancelled_after,
      ${instant(today, 'q.age - 1', int(SALT.completedHour, 8, 17), int(SALT.completedMinute, 0, 59))} AS completed,
      ${int(SALT.ratedAfter, 1, 2)} AS rated_after,
      ${int(SALT.hours, 2, 8)} / 2.0 AS served_hours, ${int(SALT.rating, 3, 5)} AS rating,
      (${list(REQUEST_NOTES)})[${int(SALT.requestNote, 1, REQUEST_NOTES.length)}] AS note
    FROM chosen q`,
    ),
  );
  // Derived times and states, in one pass over the plan.
  await run(
    tx,
    `/* seedRequestStates */ CREATE TEMP TABLE seed_req2 ON COMMIT DROP AS
    SELECT p.*, 
      CASE WHEN p.volunteer_id IS NULL AND p.drawn <> 'CANCELLED' THEN 'OPEN' ELSE p.drawn END AS status,
      p.created + make_interval(hours => p.claimed_after) AS claimed,
      p.created + make_interval(hours => p.claimed_after * (p.volunteer_id IS NOT NULL)::int + p.cancelled_after) AS cancelled,
      p.completed + make_interval(hours => p.rated_after) AS rated,
      CASE WHEN p.drawn IN ('COMPLETED', 'RATED') AND p.volunteer_id IS NOT NULL THEN p.served_hours END AS hours,
      p.drawn = 'COMPLETED' AND p.volunteer_id IS NOT NULL AND p.disputes AS disputed
    FROM seed_req p`,
  );
  await run(tx, `DROP TABLE seed_req`);
  await run(tx, `ALTER TABLE seed_req2 RENAME TO seed_req`);
  const made = planned;
  await step(`service_request ${made} (elders ${from}-${to})`, count, () =>
    run(
      tx,
      `/* seed service_request */ INSERT INTO elder_care.service_request
      (id, elder_id, region_code, category, mode, status, volunteer_person_id, team_id, hours, hours_status, completed_at, rating, note, requested_by, created_at, updated_at)
    SELECT id, elder_id, region_code, category, mode, status, volunteer_id, team_id, hours,
      CASE WHEN hours IS NULL THEN NULL WHEN disputed THEN 'DISPUTED' ELSE 'DEPOSITED' END,
      CASE WHEN hours IS NOT NULL THEN completed END, CASE WHEN status = 'RATED' THEN rating END, note, requested_by, created,
      CASE status WHEN 'OPEN' THEN created WHEN 'CLAIMED' THEN claimed WHEN 'CANCELLED' THEN cancelled WHEN 'RATED' THEN rated
                  ELSE CASE WHEN disputed THEN rated ELSE completed + interval '7 days' END END
    FROM seed_req ORDER BY rn`,
    ),
  );
  // The request's region given, not left to the fill trigger, which would look each request up in every city's partition.
  await step(`service_request_step (elders ${from}-${to})`, count, () =>
    run(
      tx,
      `/* seed service_request_step */ INSERT INTO elder_care.service_request_step
      (request_id, request_region_code, status, actor_person_id, acting_as, hours_status, hours, note, at)
    SELECT q.id, q.region_code, s.status, s.actor, s.acting_as, s.hours_status, s.hours, s.note, s.at
    FROM seed_req q CROSS JOIN LATERAL (VALUES
      (1, true, 'OPEN', q.requested_by, q.acting_as, NULL, NULL::numeric, NULL, q.created),
      (2, q.volunteer_id IS NOT NULL, 'CLAIMED', q.volunteer_id, q.serving_as, NULL, NULL, NULL, q.claimed),
      -- Completed hours wait for review: a rating confirms them; unrated, the programme deposits them after 7 days.
      (3, q.hours IS NOT NULL, 'COMPLETED', q.volunteer_id, q.serving_as, 'PENDING', q.hours, NULL, q.completed),
      (4, q.hours IS NOT NULL AND q.status = 'RATED', 'RATED', q.requested_by, q.acting_as, 'DEPOSITED', q.hours, NULL, q.rated),
      (5, q.disputed, 'COMPLETED', q.requested_by, q.acting_as, 'DISPUTED', q.hours, '${DISPUTE_NOTE}', q.rated),
      (6, q.hours IS NOT NULL AND q.status = 'COMPLETED' AND NOT q.disputed, 'COMPLETED', NULL, 'PROGRAMME', 'DEPOSITED', q.hours, NULL, q.completed + interval '7 days'),
      (7, q.status = 'CANCELLED', 'CANCELLED', q.requested_by, q.acting_as, NULL, NULL, NULL, q.cancelled)
    ) s(ord, happened, status, actor, acting_as, hours_status, hours, note, at)
    WHERE s.happened ORDER BY q.rn, s.ord`,
    ),
  );
  await run(
    tx,
    `/* seedDeposits */ INSERT INTO seed_transfer (ord, kind, debit, credit, hours, request_id, request_region_code, actor, at)
    SELECT q.rn, 'DEPOSIT', pr.issuing, ${sql.uuid('account', 'q.volunteer_g')}, q.hours, q.id, q.region_code, q.volunteer_id,
      CASE WHEN q.status = 'RATED' THEN q.rated ELSE q.completed + interval '7 days' END
    FROM seed_req q JOIN seed_programme pr ON pr.city = left(q.region_code, 4)
    WHERE q.hours IS NOT NULL AND NOT q.disputed`,
  );
}

/**
 * The rest of the books, then every transfer posted in the order it happened
 * (a month a statement): hours carried over for three volunteers of each district
 * before the history starts, and one day for each holder when some of what had
 * come in by then is spent on a service for themselves or a reward.
 */
async function ledger(tx: Tx, sql: SeedSql, today: string, step: StepFn, count: typeof rows) {
  const opened = addDays(today, -400);
  await run(
    tx,
    `/* seedOpeningBalances */ INSERT INTO seed_transfer (ord, kind, debit, credit, hours, at)
    SELECT v.g, 'OPENING_BALANCE', pr.issuing, ${sql.uuid('account', 'v.g')}, (ARRAY[${CARRIED_OVER.join(', ')}])[v.k], ('${opened}'::date + time '09:00') AT TIME ZONE 'Asia/Shanghai'
    FROM seed_volunteer v JOIN seed_programme pr ON pr.city = left(v.district, 4) WHERE v.k <= ${CARRIED_OVER.length}`,
  );
  const rewards = Object.entries(REWARDS);
  await run(
    tx,
    `/* seedSpending */ INSERT INTO seed_transfer (ord, kind, debit, credit, hours, beneficiary, category, reward, actor, at)
    WITH day AS MATERIALIZED (
      SELECT v.g, v.person_id, v.district, ${sql.uuid('account', 'v.g')} AS account,
             ${instant(today, sql.int('v.g', SALT.spendDay, 1, 180), '10', '0')} AS at FROM seed_volunteer v
    ), held AS MATERIALIZED (
      SELECT d.g, d.person_id, d.district, d.account, d.at, coalesce(sum(t.hours), 0) AS hours
      FROM day d LEFT JOIN seed_transfer t ON t.credit = d.account AND t.at < d.at
      GROUP BY d.g, d.person_id, d.district, d.account, d.at
    ), spent AS MATERIALIZED (
      SELECT h.*, CASE WHEN h.hours >= 4 AND ${sql.random('h.g', SALT.redeem)} < 0.35
                       THEN least(8, 2 + floor(${sql.random('h.g', SALT.redeemHours)} * (least(8, floor(h.hours)) - 1)))::numeric END AS redeemed,
             (ARRAY[${rewards.map(([k]) => `'${k}'`).join(', ')}])[${sql.int('h.g', SALT.rewardKind, 1, rewards.length)}] AS reward
      FROM held h
    )
    SELECT s.g * 2, 'REDEMPTION', s.account, pr.redemption, s.redeemed, s.person_id,
           (ARRAY['MEAL', 'VISIT', 'COMPANIONSHIP'])[${sql.int('s.g', SALT.redeemCategory, 1, 3)}], NULL, s.person_id, s.at
    FROM spent s JOIN seed_programme pr ON pr.city = left(s.district, 4) WHERE s.redeemed IS NOT NULL
    UNION ALL
    SELECT s.g * 2 + 1, 'REWARD', s.account, pr.redemption, rw.hours, NULL, NULL, s.reward, s.person_id, s.at + interval '1 hour'
    FROM spent s JOIN seed_programme pr ON pr.city = left(s.district, 4)
    JOIN (VALUES ${rewards.map(([k, v]) => `('${k}', ${v.hours})`).join(', ')}) rw(kind, hours) ON rw.kind = s.reward
    WHERE s.hours - coalesce(s.redeemed, 0) >= rw.hours AND ${sql.random('s.g', SALT.reward)} < 0.25`,
  );
  await run(tx, `CREATE INDEX ON seed_transfer (at, ord)`);
  const months: { since: string; until: string }[] = await tx.query(
    `SELECT date_trunc('month', min(at))::text AS since, (date_trunc('month', max(at)) + interval '1 month')::text AS until FROM seed_transfer`,
  );
  if (!months[0]?.since) return;
  // The ledger's months (LEDGER_PARTITIONING) from the seed's first transfer: the migration made only the current ones.
  await makeMonthlyPartitionsCovering(tx, LEDGER_PARTITIONING, new Date(months[0].since), new Date(new Date(months[0].until).getTime() - 1));
  const bounds: string[] = (
    await tx.query(`SELECT generate_series($1::timestamptz, $2::timestamptz, interval '1 month')::text AS at`, [months[0].since, months[0].until])
  ).map((m: { at: string }) => m.at);
  for (let i = 0; i + 1 < bounds.length; i++) {
    await step(`time_bank_transfer ${bounds[i].slice(0, 7)}`, count, () =>
      run(
        tx,
        `/* seed time_bank_transfer */ INSERT INTO elder_care.time_bank_transfer
          (kind, debit_account_id, credit_account_id, hours, request_id, request_region_code, beneficiary_person_id, category, reward, actor_person_id, created_at)
        SELECT kind, debit, credit, hours, request_id, request_region_code, beneficiary, category, reward, actor, at FROM seed_transfer
        WHERE at >= $1 AND at < $2 ORDER BY at, ord`,
        [bounds[i], bounds[i + 1]],
      ),
    );
  }
}
