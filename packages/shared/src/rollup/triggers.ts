import type { MigrationInterface, QueryRunner } from 'typeorm';
import { figureRowsSql, figuresByJoinedTable, figuresByTable, joinedColumns, sqlLiteral, type Rollup, type RollupFigure } from './figures';
import { rebuildRollupSql, refillFiguresSql } from './rebuild';

const NEW_ROWS = 'rollup_new';
const OLD_ROWS = 'rollup_old';

/**
 * The upsert of a statement's deltas: the rows' parts summed per (figure,
 * region), nothing for a net zero (an update that moved no figure writes and
 * locks nothing), then added to the running sums. In (figure, region) order, so
 * two statements touching the same regions lock their rows in the same order and
 * cannot deadlock; two transactions adding to one row wait for each other there,
 * and each adds its own delta: exact.
 */
function applyDeltasSql(rollup: Rollup, parts: string[]): string {
  return `INSERT INTO ${rollup.table} AS rollup (figure, region_code, value)
    SELECT figure, region_code, sum(value) FROM (${parts.join('\n      UNION ALL ')}) delta
    WHERE region_code IS NOT NULL
    GROUP BY figure, region_code HAVING sum(value) <> 0
    ORDER BY figure, region_code
    ON CONFLICT (figure, region_code) DO UPDATE SET value = rollup.value + EXCLUDED.value`;
}

const baseName = (table: string) => table.split('.')[1];
const functionName = (rollup: Rollup, table: string, event: string) => `${rollup.schema}.rollup_${baseName(table)}_${event}`;

type Event = 'insert' | 'update' | 'delete';
const sides: Record<Event, [string, 1 | -1][]> = {
  insert: [[NEW_ROWS, 1]],
  update: [
    [NEW_ROWS, 1],
    [OLD_ROWS, -1],
  ],
  delete: [[OLD_ROWS, -1]],
};
const referencing: Record<Event, string> = {
  insert: `REFERENCING NEW TABLE AS ${NEW_ROWS}`,
  update: `REFERENCING NEW TABLE AS ${NEW_ROWS} OLD TABLE AS ${OLD_ROWS}`,
  delete: `REFERENCING OLD TABLE AS ${OLD_ROWS}`,
};

function tableTriggerSql(rollup: Rollup, table: string, figures: RollupFigure[]): string[] {
  const statements: string[] = [];
  for (const event of ['insert', 'update', 'delete'] as Event[]) {
    const parts = sides[event].flatMap(([rows, sign]) => figures.map((figure) => figureRowsSql(figure, rows, sign)));
    const fn = functionName(rollup, table, event);
    statements.push(
      `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $rollup$
  BEGIN
    ${applyDeltasSql(rollup, parts)};
    RETURN NULL;
  END $rollup$`,
      `DROP TRIGGER IF EXISTS rollup_after_${event} ON ${table}`,
      // statement-level with transition tables: one aggregate per statement, however many rows
      // (a seed's INSERT … SELECT generate_series too); allowed on a partitioned parent
      `CREATE TRIGGER rollup_after_${event} AFTER ${event.toUpperCase()} ON ${table} ${referencing[event]} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    );
  }
  // TRUNCATE has no transition table: the table's figures are recomputed (their other parts may come from other tables)
  const names = [...new Set(figures.map((figure) => figure.name))];
  const fn = functionName(rollup, table, 'truncate');
  statements.push(
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $rollup$
  BEGIN
    DELETE FROM ${rollup.table} WHERE figure IN (${names.map(sqlLiteral).join(', ')});
    ${refillFiguresSql(rollup, names).join(';\n    ')};
    RETURN NULL;
  END $rollup$`,
    `DROP TRIGGER IF EXISTS rollup_after_truncate ON ${table}`,
    `CREATE TRIGGER rollup_after_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  );
  return statements;
}

/**
 * On a table other figures' rows join (a request, for its transfers): a row of it
 * inserted adds the rows that join it (they may come first where no foreign key
 * orders them), one deleted takes them away, both per statement; and a row whose
 * joined columns change (its region) moves them, per row, only for such an
 * update (UPDATE OF those columns, WHEN they differ), so the ledger's constant
 * balance updates of accounts never fire it.
 * Both run at the end of their statement and read the dependants as it left
 * them, so one statement that writes a joined row and rows joining it (a
 * data-modifying WITH opening an account and posting to it) counts those rows
 * twice, here and in their own table's trigger: write them in separate statements.
 */
function joinedTableTriggerSql(rollup: Rollup, table: string, figures: RollupFigure[]): string[] {
  const statements: string[] = [];
  const child = (rows: string, sign: 1 | -1) => figures.map((figure) => figureRowsSql(figure, figure.table, sign, rows));
  const events: [string, string, string[]][] = [
    ['insert', `AFTER INSERT ON ${table} REFERENCING NEW TABLE AS ${NEW_ROWS} FOR EACH STATEMENT`, child(NEW_ROWS, 1)],
    ['delete', `AFTER DELETE ON ${table} REFERENCING OLD TABLE AS ${OLD_ROWS} FOR EACH STATEMENT`, child(OLD_ROWS, -1)],
  ];
  const columns = [...new Set(figures.flatMap(joinedColumns))];
  if (columns.length) {
    const tuple = (row: string) => `(${columns.map((column) => `${row}.${column}`).join(', ')})`;
    events.push([
      'move',
      `AFTER UPDATE OF ${columns.join(', ')} ON ${table} FOR EACH ROW WHEN (${tuple('OLD')} IS DISTINCT FROM ${tuple('NEW')})`,
      [...child('(SELECT NEW.*)', 1), ...child('(SELECT OLD.*)', -1)],
    ]);
  }
  for (const [event, when, parts] of events) {
    const fn = functionName(rollup, table, `joined_${event}`);
    statements.push(
      `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $rollup$
  BEGIN
    ${applyDeltasSql(rollup, parts)};
    RETURN NULL;
  END $rollup$`,
      `DROP TRIGGER IF EXISTS rollup_joined_after_${event} ON ${table}`,
      `CREATE TRIGGER rollup_joined_after_${event} ${when} EXECUTE FUNCTION ${fn}()`,
    );
  }
  return statements;
}

const keyName = (rollup: Rollup) => `${rollup.table.split('.')[1]}_pkey`;

/**
 * The rollup's primary key, holding each row's value too (INCLUDE): a region's sum
 * is a range of the key, read from the index alone (an index-only scan; a public
 * dashboard at city size weighs the province's and its city's sums, 17,449 rows a
 * figure, and took 54 ms with the rows' pages read, 39 ms without). The price: an
 * update of a value is no longer HOT and writes a new index entry, a few per write.
 */
const rollupKey = (rollup: Rollup) => `CONSTRAINT ${keyName(rollup)} PRIMARY KEY (figure, region_code) INCLUDE (value)`;

/**
 * The migration giving a rollup made before rollupKey its covering key (see there),
 * named for its timestamp as TypeORM orders them.
 */
export function rollupCoveringKeyMigration(rollup: Rollup, timestamp: number): new () => MigrationInterface {
  const name = `RollupCoveringKey${timestamp}`;
  return class implements MigrationInterface {
    name = name;
    async up(db: QueryRunner): Promise<void> {
      await db.query(`ALTER TABLE ${rollup.table} DROP CONSTRAINT ${keyName(rollup)}, ADD ${rollupKey(rollup)}`);
    }
    async down(db: QueryRunner): Promise<void> {
      await db.query(`ALTER TABLE ${rollup.table} DROP CONSTRAINT ${keyName(rollup)}, ADD CONSTRAINT ${keyName(rollup)} PRIMARY KEY (figure, region_code)`);
    }
  };
}

/**
 * Everything a rollup needs in the database, idempotent: the table, and on each
 * source table AFTER INSERT / UPDATE / DELETE / TRUNCATE statement triggers
 * generated from the figures' declarations. Run again (a later migration) after
 * the declarations change, then rebuild.
 */
export function createRollupSql(rollup: Rollup): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${rollup.table} (
      figure text NOT NULL,
      region_code text COLLATE "C" NOT NULL,
      value numeric NOT NULL,
      ${rollupKey(rollup)}
    ) WITH (fillfactor = 70)`,
    ...[...figuresByTable(rollup)].flatMap(([table, figures]) => tableTriggerSql(rollup, table, figures)),
    ...[...figuresByJoinedTable(rollup)].flatMap(([table, figures]) => joinedTableTriggerSql(rollup, table, figures)),
  ];
}

export function dropRollupSql(rollup: Rollup): string[] {
  return [
    ...[...figuresByJoinedTable(rollup).keys()].flatMap((table) =>
      ['insert', 'delete', 'move'].flatMap((event) => [
        `DROP TRIGGER IF EXISTS rollup_joined_after_${event} ON ${table}`,
        `DROP FUNCTION IF EXISTS ${functionName(rollup, table, `joined_${event}`)}()`,
      ]),
    ),
    ...[...figuresByTable(rollup).keys()].flatMap((table) =>
      ['insert', 'update', 'delete', 'truncate'].flatMap((event) => [
        `DROP TRIGGER IF EXISTS rollup_after_${event} ON ${table}`,
        `DROP FUNCTION IF EXISTS ${functionName(rollup, table, event)}()`,
      ]),
    ),
    `DROP TABLE IF EXISTS ${rollup.table}`,
  ];
}

/**
 * The migration that creates a subgraph's rollup and backfills it from the rows
 * already there (the rebuild), named for its timestamp as TypeORM orders them.
 * Its timestamp must come after every migration that creates or re-creates a
 * source table (e.g. a conversion to a partitioned table), so the triggers sit on
 * the final tables.
 */
export function rollupMigration(rollup: Rollup, timestamp: number): new () => MigrationInterface {
  const name = `RegionRollup${timestamp}`;
  return class implements MigrationInterface {
    name = name;
    async up(db: QueryRunner): Promise<void> {
      for (const statement of [...createRollupSql(rollup), ...rebuildRollupSql(rollup)]) await db.query(statement);
    }
    async down(db: QueryRunner): Promise<void> {
      for (const statement of dropRollupSql(rollup)) await db.query(statement);
    }
  };
}
