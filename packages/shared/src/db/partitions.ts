import type { BackgroundJob } from '../jobs';
import type { Sql } from '../sql';

/**
 * Declarative partitioning for the graph's largest tables (README "Scaling"): the
 * region-scoped domain tables by city (range on the region code's 4-digit prefix,
 * every query's `region_code >= $code AND region_code < $code || '~'` then reads
 * one city's partition) and the append-only access logs by month (range on the
 * time, so retention drops a whole month instead of deleting rows).
 *
 * PostgreSQL's rules, which the callers' keys follow: a partitioned table's
 * primary key and unique keys must hold the partition key (so `ON CONFLICT (id)`
 * and foreign keys to `id` alone cannot point at it); an UPDATE that changes the
 * partition key moves the row; a DEFAULT partition that holds rows of a range
 * blocks creating that range's partition later.
 */

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Fujian's nine prefecture-level cities, as the region codes' first four digits (福州 3501 … 宁德 3509). */
export const FUJIAN_CITY_CODES = ['3501', '3502', '3503', '3504', '3505', '3506', '3507', '3508', '3509'] as const;

/**
 * The partitions of a table ranged on its region code by city: one per city
 * (`<table>_3501` holds '350100000000' up to, not including, '3502'), and a DEFAULT
 * one for any other code (the province's own, another province's). The column must
 * have the C collation, as every region code column has, so the bounds compare as
 * the queries' ranges do.
 */
export function cityPartitionsSql(schema: string, table: string, cities: readonly string[] = FUJIAN_CITY_CODES): string[] {
  const parent = `${identifier(schema)}.${identifier(table)}`;
  const next = (city: string) => String(Number(city) + 1).padStart(city.length, '0');
  return [
    ...cities.map((city) => {
      if (!/^[0-9]{4}$/.test(city)) throw new Error(`not a city code: ${city}`);
      return `CREATE TABLE ${parent}_${city} PARTITION OF ${parent} FOR VALUES FROM (${literal(city)}) TO (${literal(next(city))})`;
    }),
    `CREATE TABLE ${parent}_default PARTITION OF ${parent} DEFAULT`,
  ];
}

/** A table ranged by month on a timestamptz column, with the functions that make and expire its months. */
export interface MonthlyPartitioning {
  schema: string;
  table: string;
  /** the timestamptz column ranged on */
  column: string;
  /**
   * Column lists unique within each month: a partitioned table cannot have a unique
   * key without its partition key, so a key such as the audit log's (request, subject,
   * fields) is kept per partition, which `ON CONFLICT DO NOTHING` (without a target) honours.
   */
  localUnique?: string[][];
  /** whole months older than this many are dropped by the maintenance job; unset: kept */
  retentionMonths?: number;
}

/** How many months ahead of the current one the migration and the maintenance job keep made. */
export const MONTHS_AHEAD = 3;

const makeFunction = (p: MonthlyPartitioning) => `${identifier(p.schema)}.${identifier(p.table)}_make_partitions`;
const expireFunction = (p: MonthlyPartitioning) => `${identifier(p.schema)}.${identifier(p.table)}_drop_expired_partitions`;

/**
 * The functions of a monthly partitioned table, owned by the schema's owner and run
 * with its rights (SECURITY DEFINER), so the serving role's maintenance job can make
 * next months' partitions and drop expired ones without holding DDL rights itself;
 * they take no names as arguments, so they can do nothing else. Both serialise on
 * an advisory lock of the table, so replicas running them at once take turns, and
 * both are idempotent.
 *
 * - `<table>_make_partitions(first date, months int)`: the months from `first`'s,
 *   each `<table>_YYYY_MM` from its first instant (UTC) to the next month's, with
 *   the per-month unique keys; returns how many it made.
 * - `<table>_drop_expired_partitions()`: drops the months that ended more than
 *   `retentionMonths` months ago; returns how many (only with a retention).
 */
export function monthlyPartitionFunctionsSql(p: MonthlyPartitioning): string[] {
  const schema = identifier(p.schema);
  const table = identifier(p.table);
  identifier(p.column);
  const lock = literal(`civic.partitions:${schema}.${table}`);
  const uniques = (p.localUnique ?? []).map((columns, i) => {
    const list = columns.map(identifier).join(', ');
    return `EXECUTE format('CREATE UNIQUE INDEX %I ON ${schema}.%I (${list})', name || '_unique_${i}', name);`;
  });
  const statements = [
    `CREATE FUNCTION ${makeFunction(p)}(first date, months int) RETURNS int
     LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
     DECLARE
       month date; name text; made int := 0;
     BEGIN
       PERFORM pg_advisory_xact_lock(hashtext(${lock}));
       FOR i IN 0 .. months - 1 LOOP
         month := (date_trunc('month', first) + make_interval(months => i))::date;
         name := ${literal(table)} || '_' || to_char(month, 'YYYY_MM');
         CONTINUE WHEN to_regclass(format('${schema}.%I', name)) IS NOT NULL;
         EXECUTE format('CREATE TABLE ${schema}.%I PARTITION OF ${schema}.${table} FOR VALUES FROM (%L) TO (%L)', name,
                        month::timestamp AT TIME ZONE 'UTC', (month + interval '1 month')::timestamp AT TIME ZONE 'UTC');
         ${uniques.join('\n         ')}
         made := made + 1;
       END LOOP;
       RETURN made;
     END $$`,
  ];
  if (p.retentionMonths !== undefined) {
    const months = Math.floor(p.retentionMonths);
    if (!(months > 0)) throw new Error(`a retention of ${p.retentionMonths} months`);
    statements.push(
      `CREATE FUNCTION ${expireFunction(p)}() RETURNS int
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
       DECLARE
         part record; dropped int := 0;
         horizon date := (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '${months} months')::date;
       BEGIN
         PERFORM pg_advisory_xact_lock(hashtext(${lock}));
         FOR part IN
           SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = '${schema}.${table}'::regclass AND c.relname ~ ('^' || ${literal(table)} || '_[0-9]{4}_[0-9]{2}$')
             AND to_date(right(c.relname, 7), 'YYYY_MM') + interval '1 month' <= horizon
           ORDER BY c.relname
         LOOP
           EXECUTE format('DROP TABLE ${schema}.%I', part.relname);
           dropped := dropped + 1;
         END LOOP;
         RETURN dropped;
       END $$`,
    );
  }
  return statements;
}

/** The statements undoing monthlyPartitionFunctionsSql. */
export function dropMonthlyPartitionFunctionsSql(p: MonthlyPartitioning): string[] {
  return [`DROP FUNCTION IF EXISTS ${makeFunction(p)}(date, int)`, `DROP FUNCTION IF EXISTS ${expireFunction(p)}()`];
}

/** Makes the current month's partition and the next `ahead` months' (idempotent); returns how many it made. */
export async function makeMonthlyPartitions(db: Sql, p: MonthlyPartitioning, ahead = MONTHS_AHEAD, from?: Date): Promise<number> {
  const [{ made }] = await db.query(
    `/* makePartitions:${identifier(p.table)} */ SELECT ${makeFunction(p)}(($1::timestamptz AT TIME ZONE 'UTC')::date, $2) AS made`,
    [from ?? new Date(), ahead + 1],
  );
  return made;
}

/**
 * Makes every month from `first`'s to `last`'s (idempotent), for a seed or import
 * writing rows dated outside the months kept ahead; returns how many it made. On a
 * schema from before the table was partitioned (no make function) it makes none.
 */
export async function makeMonthlyPartitionsCovering(db: Sql, p: MonthlyPartitioning, first: Date, last: Date): Promise<number> {
  const [{ exists }] = await db.query(`SELECT to_regprocedure($1) IS NOT NULL AS exists`, [`${makeFunction(p)}(date, integer)`]);
  if (!exists || last < first) return 0;
  return makeMonthlyPartitions(db, p, monthsSpanned(first, last) - 1, first);
}

/** Drops the months past the table's retention; returns how many. */
export async function dropExpiredPartitions(db: Sql, p: MonthlyPartitioning): Promise<number> {
  if (p.retentionMonths === undefined) return 0;
  const [{ dropped }] = await db.query(`/* dropExpiredPartitions:${identifier(p.table)} */ SELECT ${expireFunction(p)}() AS dropped`);
  return dropped;
}

/**
 * The maintenance job of a subgraph's monthly partitioned tables: at start and then
 * daily, it keeps the next MONTHS_AHEAD months made (a row never finds no partition
 * for it) and drops the months past their retention.
 */
export function partitionMaintenanceJob(tables: readonly MonthlyPartitioning[]): BackgroundJob {
  return {
    name: 'partition maintenance',
    everyMs: 86_400_000,
    runAtStart: true,
    async run(db) {
      let made = 0;
      let dropped = 0;
      for (const table of tables) {
        made += await makeMonthlyPartitions(db, table);
        dropped += await dropExpiredPartitions(db, table);
      }
      return { made, dropped };
    },
  };
}

/** How an existing table is rebuilt, partitioned or back to one plain table (rebuildTable). */
export interface TableRebuild {
  schema: string;
  table: string;
  /** `RANGE (region_code)`, `RANGE (at)`; unset: a plain table (a migration's down) */
  partitionBy?: string;
  /** the new primary key's columns, which must hold the partition key's */
  primaryKey: string[];
  /** makes the partitions (CREATE TABLE … PARTITION OF), run before the rows move */
  partitions?: (db: Sql) => Promise<void>;
  /** unique keys and the like, run once the rows are in (each with the partition key) */
  after?: string[];
}

/**
 * Rebuilds a table as a partitioned one of the same name (or, without `partitionBy`,
 * a partitioned one as a plain table), keeping every row, as a migration step (on
 * an empty database as on a filled one): the new table
 * takes the old one's columns, defaults, collations and checks, the partitions are
 * made, the rows move (before any trigger exists, so a posting trigger does not post
 * them twice), then the old table goes and the new one gets its primary key, the old
 * non-unique indexes, foreign keys and triggers by their old names, its identity
 * continuing where the old one's stopped and its serial sequences. Unique indexes
 * other than the primary key are the caller's (`after`), as they must gain the
 * partition key; foreign keys pointing at the table must be dropped first (they
 * would need a unique key on the referenced columns alone), or this stops.
 * Grants follow at start (grantServing covers every table of the schema).
 */
export async function rebuildTable(db: Sql, c: TableRebuild): Promise<void> {
  const schema = identifier(c.schema);
  const table = identifier(c.table);
  const name = `${schema}.${table}`;
  const old = `${table}_unpartitioned`;
  const oid = `${literal(name)}::regclass`;
  const referencing: { conname: string }[] = await db.query(
    `SELECT conname FROM pg_constraint WHERE confrelid = ${oid} AND contype = 'f' AND conrelid <> ${oid}`,
  );
  if (referencing.length) throw new Error(`${name} is still referenced by ${referencing.map((r) => r.conname).join(', ')}`);
  const triggers: { def: string }[] = await db.query(
    `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = ${oid} AND NOT tgisinternal ORDER BY tgname`,
  );
  // A partitioned table's index reads `ON ONLY` (its partitions' own indexes attached later): rebuilt, it covers them at once.
  const indexes: { def: string }[] = await db.query(
    `SELECT replace(pg_get_indexdef(indexrelid), ' ON ONLY ', ' ON ') AS def FROM pg_index
     WHERE indrelid = ${oid} AND NOT indisunique ORDER BY indexrelid`,
  );
  // A key to a partitioned table has a clone per referenced partition (conparentid set): the parent's brings them back.
  const foreignKeys: { def: string }[] = await db.query(
    `SELECT format('ALTER TABLE ${name} ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid)) AS def
     FROM pg_constraint WHERE conrelid = ${oid} AND contype = 'f' AND conparentid = 0 ORDER BY conname`,
  );
  const columns: { name: string; identity: string; generated: string }[] = await db.query(
    `SELECT attname AS name, attidentity AS identity, attgenerated AS generated FROM pg_attribute
     WHERE attrelid = ${oid} AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
  );
  const serials: { sequence: string; column: string }[] = await db.query(
    `SELECT s.oid::regclass::text AS sequence, a.attname AS column
     FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
     JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
     WHERE d.refobjid = ${oid} AND d.classid = 'pg_class'::regclass AND d.deptype = 'a'`,
  );
  const moved = columns
    .filter((col) => !col.generated)
    .map((col) => identifier(col.name))
    .join(', ');

  await db.query(`ALTER TABLE ${name} RENAME TO ${old}`);
  await db.query(
    `CREATE TABLE ${name} (LIKE ${schema}.${old} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMMENTS)
     ${c.partitionBy ? `PARTITION BY ${c.partitionBy}` : ''}`,
  );
  await c.partitions?.(db);
  await db.query(`INSERT INTO ${name} (${moved}) SELECT ${moved} FROM ${schema}.${old}`);
  for (const serial of serials) await db.query(`ALTER SEQUENCE ${serial.sequence} OWNED BY ${name}.${identifier(serial.column)}`);
  // An identity's sequence goes with the old table: the new one's continues after the highest value moved.
  const identities = columns.filter((col) => col.identity);
  const next: { column: string; value: string }[] = [];
  for (const col of identities) {
    const [{ value }] = await db.query(`SELECT (coalesce(max(${identifier(col.name)}), 0) + 1)::text AS value FROM ${schema}.${old}`);
    next.push({ column: col.name, value });
  }
  await db.query(`DROP TABLE ${schema}.${old}`);
  for (const col of identities) {
    const value = next.find((n) => n.column === col.name)!.value;
    await db.query(
      `ALTER TABLE ${name} ALTER COLUMN ${identifier(col.name)} ADD GENERATED ${col.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY (START WITH ${value})`,
    );
  }
  await db.query(`ALTER TABLE ${name} ADD PRIMARY KEY (${c.primaryKey.map(identifier).join(', ')})`);
  for (const statement of [...indexes, ...foreignKeys, ...triggers]) await db.query(statement.def);
  for (const statement of c.after ?? []) await db.query(statement);
}

/** Whole months from `first`'s to `last`'s, both counted (UTC). */
const monthsSpanned = (first: Date, last: Date) => (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + (last.getUTCMonth() - first.getUTCMonth()) + 1;

/**
 * A migration step making a table monthly partitioned on `p.column`: its functions,
 * then the rebuild, with a month for every month its rows already span (from the
 * oldest) up to MONTHS_AHEAD months past the current one; there is no DEFAULT
 * partition (one holding a month's rows would block making that month), the
 * maintenance job keeps months made ahead instead.
 */
export async function partitionByMonth(db: Sql, p: MonthlyPartitioning, rebuild: Pick<TableRebuild, 'primaryKey' | 'after'>): Promise<void> {
  for (const statement of monthlyPartitionFunctionsSql(p)) await db.query(statement);
  const column = identifier(p.column);
  await rebuildTable(db, {
    schema: p.schema,
    table: p.table,
    partitionBy: `RANGE (${column})`,
    ...rebuild,
    partitions: async (db) => {
      const [{ first, now }] = await db.query(
        `SELECT coalesce(min(${column}), now()) AS first, now() AS now FROM ${identifier(p.schema)}.${identifier(p.table)}_unpartitioned`,
      );
      const until = new Date(now);
      until.setUTCMonth(until.getUTCMonth() + MONTHS_AHEAD, 1);
      await makeMonthlyPartitions(db, p, monthsSpanned(new Date(first), until) - 1, new Date(first));
    },
  });
}

/** partitionByMonth undone, for a migration's down: one plain table again, its functions gone. */
export async function unpartitionByMonth(db: Sql, p: MonthlyPartitioning, rebuild: Pick<TableRebuild, 'primaryKey' | 'after'>): Promise<void> {
  await rebuildTable(db, { schema: p.schema, table: p.table, ...rebuild });
  for (const statement of dropMonthlyPartitionFunctionsSql(p)) await db.query(statement);
}

/**
 * A table holding a foreign key to a city-partitioned table: its key must name the
 * whole primary key (id, region_code), so the child carries its parent's region code
 * in a column of its own (`regionColumn`), filled by a trigger from the parent's row
 * (writers and seeds go on inserting the id alone) and following the parent's
 * region by ON UPDATE CASCADE when an update moves the parent to another city.
 */
export interface CityChild {
  table: string;
  /** the column referring to the parent's id */
  column: string;
  /** the child's copy of the parent's region code, e.g. order_region_code */
  regionColumn: string;
}

export interface CityPartitioned {
  schema: string;
  table: string;
  /** the region code column ranged on (region_code) */
  column?: string;
  children?: CityChild[];
}

/** Every foreign key of `child` to `parent` dropped (run before the parent is rebuilt). */
async function dropForeignKeys(db: Sql, child: string, parent: string): Promise<void> {
  const keys: { conname: string }[] = await db.query(
    `SELECT conname FROM pg_constraint WHERE conrelid = ${literal(child)}::regclass AND confrelid = ${literal(parent)}::regclass AND contype = 'f'`,
  );
  for (const key of keys) await db.query(`ALTER TABLE ${child} DROP CONSTRAINT ${identifier(key.conname)}`);
}

/** The name of the trigger filling a child's region copy, and of its function (in the child's schema). */
const fillName = (child: CityChild) => `${identifier(child.table)}_fill_${identifier(child.regionColumn)}`;

/**
 * The trigger filling a child's region copy, fired only for a row that names its
 * parent without the region: a writer or seed that supplies it (the seeds do, for
 * millions of steps) pays no function call per row, and the foreign key still
 * checks the pair.
 */
function fillTriggerSql(target: CityPartitioned, child: CityChild, onlyWhenMissing = true): string {
  const schema = identifier(target.schema);
  const region = identifier(child.regionColumn);
  const name = fillName(child);
  const when = onlyWhenMissing ? `WHEN (NEW.${identifier(child.column)} IS NOT NULL AND NEW.${region} IS NULL)` : '';
  return `CREATE TRIGGER ${name} BEFORE INSERT ON ${schema}.${identifier(child.table)} FOR EACH ROW ${when} EXECUTE FUNCTION ${schema}.${name}()`;
}

/**
 * A migration step giving existing children's fill triggers their WHEN clause
 * (fillTriggerSql), or, with `onlyWhenMissing` false for its down, taking it away.
 */
export async function refillTriggers(db: Sql, target: CityPartitioned, onlyWhenMissing = true): Promise<void> {
  for (const child of target.children ?? []) {
    await db.query(`DROP TRIGGER ${fillName(child)} ON ${identifier(target.schema)}.${identifier(child.table)}`);
    await db.query(fillTriggerSql(target, child, onlyWhenMissing));
  }
}

/** The child's region copy: backfilled (its own triggers, an append-only guard say, held off meanwhile), kept by trigger, keyed. */
async function keyChild(db: Sql, target: CityPartitioned, child: CityChild): Promise<void> {
  const schema = identifier(target.schema);
  const parent = `${schema}.${identifier(target.table)}`;
  const table = `${schema}.${identifier(child.table)}`;
  const column = identifier(child.column);
  const region = identifier(child.regionColumn);
  const fill = `${schema}.${fillName(child)}`;
  const regionOf = identifier(target.column ?? 'region_code');
  await db.query(`ALTER TABLE ${table} ADD COLUMN ${region} varchar(12) COLLATE "C"`);
  await db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  await db.query(`UPDATE ${table} c SET ${region} = p.${regionOf} FROM ${parent} p WHERE p.id = c.${column}`);
  await db.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  await db.query(`
    CREATE FUNCTION ${fill}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.${column} IS NOT NULL AND NEW.${region} IS NULL THEN
        NEW.${region} := (SELECT p.${regionOf} FROM ${parent} p WHERE p.id = NEW.${column});
      END IF;
      RETURN NEW;
    END $$`);
  await db.query(fillTriggerSql(target, child));
  // MATCH FULL: an id without its region is refused, not let through unchecked.
  await db.query(
    `ALTER TABLE ${table} ADD CONSTRAINT ${identifier(child.table)}_${column}_fkey FOREIGN KEY (${column}, ${region})
     REFERENCES ${parent} (id, ${regionOf}) MATCH FULL ON UPDATE CASCADE`,
  );
  await db.query(`CREATE INDEX ${identifier(child.table)}_${region}_idx ON ${table} (${column}, ${region})`);
}

/** keyChild undone: the plain foreign key to the parent's id back (run after the parent is rebuilt plain). */
async function unkeyChild(db: Sql, target: CityPartitioned, child: CityChild): Promise<void> {
  const schema = identifier(target.schema);
  const table = `${schema}.${identifier(child.table)}`;
  const region = identifier(child.regionColumn);
  await db.query(`DROP INDEX ${schema}.${identifier(child.table)}_${region}_idx`);
  await db.query(`DROP TRIGGER ${fillName(child)} ON ${table}`);
  await db.query(`DROP FUNCTION ${schema}.${fillName(child)}()`);
  await db.query(`ALTER TABLE ${table} DROP COLUMN ${region}`);
  await db.query(
    `ALTER TABLE ${table} ADD CONSTRAINT ${identifier(child.table)}_${identifier(child.column)}_fkey FOREIGN KEY (${identifier(child.column)})
     REFERENCES ${schema}.${identifier(target.table)} (id)`,
  );
}

/**
 * A migration step making a region-scoped table partitioned by city (cityPartitionsSql),
 * its primary key (id, region code) and its children's keys to it widened to match.
 */
export async function partitionByCity(db: Sql, target: CityPartitioned, rebuild: Pick<TableRebuild, 'primaryKey' | 'after'>): Promise<void> {
  const parent = `${identifier(target.schema)}.${identifier(target.table)}`;
  for (const child of target.children ?? []) await dropForeignKeys(db, `${identifier(target.schema)}.${identifier(child.table)}`, parent);
  await rebuildTable(db, {
    schema: target.schema,
    table: target.table,
    partitionBy: `RANGE (${identifier(target.column ?? 'region_code')})`,
    ...rebuild,
    partitions: async (db) => {
      for (const statement of cityPartitionsSql(target.schema, target.table)) await db.query(statement);
    },
  });
  for (const child of target.children ?? []) await keyChild(db, target, child);
}

/** partitionByCity undone, for a migration's down. */
export async function unpartitionByCity(db: Sql, target: CityPartitioned, rebuild: Pick<TableRebuild, 'primaryKey' | 'after'>): Promise<void> {
  const parent = `${identifier(target.schema)}.${identifier(target.table)}`;
  for (const child of target.children ?? []) await dropForeignKeys(db, `${identifier(target.schema)}.${identifier(child.table)}`, parent);
  await rebuildTable(db, { schema: target.schema, table: target.table, ...rebuild });
  for (const child of target.children ?? []) await unkeyChild(db, target, child);
}
