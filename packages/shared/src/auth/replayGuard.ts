import DataLoader from 'dataloader';
import { Pool, type QueryResult } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Sql } from '../sql';
import { serviceLogger } from '../logger';
import { MAX_SIGNATURE_AGE_MS } from './signing';

const logger = serviceLogger('replay-guard');

/**
 * Each signed gateway call is served once. The gateway puts a fresh request id
 * inside the signed string; a subgraph claims that id before serving the call and
 * refuses one already claimed, so a call captured on the way (the body, identity
 * and signature all intact) cannot be sent a second time.
 *
 * Where the ids are kept, and why: in a small table of the subgraph's own schema,
 * claimed with `INSERT … ON CONFLICT DO NOTHING`. Every replica of a subgraph shares
 * its database, so an id claimed by one replica is refused by all of them, and the
 * insert is atomic, so two copies of a call racing to two replicas cannot both win.
 * An in-memory set would hold for one process only; Redis would be a second store to
 * run for one table's worth of data.
 *
 * The cost: an indexed INSERT for every subgraph call, and rows for the last few
 * minutes of calls. Calls arriving in the same tick share one statement and one
 * commit, on a connection of the guard's own (`replayGuardPool`): a claim never
 * queues behind the subgraph's own transactions, so a busy subgraph does not make
 * every call wait for its pool twice. A timestamp outside MAX_SIGNATURE_AGE_MS of the
 * subgraph's clock is refused before its id is looked at, so an id needs keeping
 * only until its timestamp has aged out; each replica deletes older rows at most
 * once per window, on a claim. The rows are kept one more window than strictly
 * needed, so that replicas whose clocks disagree by up to a minute never delete an
 * id another replica would still accept.
 */
export const SIGNED_REQUEST_TABLE = 'signed_request';

const KEEP_AFTER_EXPIRY_MS = MAX_SIGNATURE_AGE_MS;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function table(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(schema)}`);
  return `${schema}.${SIGNED_REQUEST_TABLE}`;
}

export interface ReplayGuard {
  /** true the first time an id is claimed, false for every later claim of it */
  claim(requestId: string, signedAt: number): Promise<boolean>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request id as an SQL array element: verifyRequest let only UUIDs through; anything else fails the claim (closed). */
function uuid(id: string): string {
  if (!UUID.test(id)) throw new Error('a request id to claim is not a UUID');
  return id;
}

function milliseconds(value: number): string {
  if (!Number.isFinite(value)) throw new Error('a claim time is not a number');
  return String(value);
}

export function replayGuard(db: Sql, schema: string, now: () => number = Date.now): ReplayGuard {
  const name = table(schema);
  let lastSweep = 0;
  const sweep = async () => {
    const at = now();
    if (at - lastSweep < MAX_SIGNATURE_AGE_MS) return;
    lastSweep = at;
    await db.query(
      `/* sweepSignedRequests */ DELETE FROM ${name} WHERE expires_at < to_timestamp(${milliseconds(at - KEEP_AFTER_EXPIRY_MS)}::double precision / 1000)`,
    );
  };
  type Claim = { requestId: string; expiresAt: number };
  const claims = new DataLoader<Claim, boolean>(
    async (batch) => {
      await sweep();
      // Literal values, no parameters: the claim then travels with its transaction in one round trip (asyncCommitSql).
      const ids = `'{${batch.map((c) => uuid(c.requestId)).join(',')}}'::uuid[]`;
      const expiries = `'{${batch.map((c) => milliseconds(c.expiresAt)).join(',')}}'::double precision[]`;
      const inserted: { id: string }[] = await db.query(
        `/* claimSignedRequests */ INSERT INTO ${name} (id, expires_at)
         SELECT c.id, to_timestamp(c.expires_at / 1000) FROM unnest(${ids}, ${expiries}) AS c(id, expires_at)
         ON CONFLICT (id) DO NOTHING RETURNING id::text`,
      );
      // An id twice in one batch is inserted once: only its first claim wins.
      const won = new Set(inserted.map((row) => row.id));
      return batch.map((c) => won.delete(c.requestId));
    },
    { cache: false },
  );
  return {
    claim: (requestId, signedAt) => claims.load({ requestId, expiresAt: signedAt + MAX_SIGNATURE_AGE_MS }),
  };
}

/**
 * Runs each statement in a transaction of its own with `synchronous_commit` off for
 * that transaction alone (`SET LOCAL`). Not as a session setting (a startup
 * `options: -c …` or a plain `SET`): behind a PgBouncer in transaction mode
 * (deploy/k8s) a session's settings stay on the server connection, which the next
 * transaction of any other client then gets, and PgBouncer refuses the `options`
 * startup parameter outright.
 *
 * BEGIN, the setting, the statement and COMMIT go as one simple query: one round
 * trip per claim rather than three (the claims were most of a subgraph call's round
 * trips, issue 15.3). A simple query carries no parameters, so the statement must be
 * literal (replayGuard's are: UUIDs and integers it checked).
 */
export function asyncCommitSql(pool: Pool): Sql {
  return {
    query: async (text, params) => {
      if (params?.length) throw new Error('asyncCommitSql runs literal statements only (one round trip, no parameters)');
      const client = await pool.connect();
      try {
        const results = (await client.query(`BEGIN; SET LOCAL synchronous_commit TO off; ${text}; COMMIT`)) as unknown as QueryResult[];
        return results[2].rows;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** The guard's own connections per subgraph process, beside its DB_POOL_SIZE (the README's connection sizing counts both). */
export const REPLAY_GUARD_POOL_SIZE = 2;

/** A guard on a small pool of its own, beside the subgraph's; `close` ends it. */
export function replayGuardPool(url: string, schema: string, applicationName: string): ReplayGuard & { close(): Promise<void> } {
  // synchronous_commit off for these claims alone (asyncCommitSql): a claim is a
  // commit on every subgraph call, and each would otherwise wait for a WAL flush (in
  // one bench run RegionTree went from 160 to 227 req/s with this and quieter logs
  // together). A crash can lose only the last moments' claims, which reopens a replay
  // of those calls for what is left of their 60 s window: the price of not paying a
  // disk flush per call. The data's own transactions keep full durability.
  const pool = new Pool({ connectionString: url, max: REPLAY_GUARD_POOL_SIZE, application_name: applicationName });
  // An idle connection ended by the server (a restart, 57P01) is an 'error' event on
  // the pool; unhandled, it would take the whole subgraph down. The next claim
  // connects anew, and fails closed while the database is away.
  pool.on('error', (error) => logger.warn({ err: error }, 'replay guard: an idle database connection was closed'));
  const guard = replayGuard(asyncCommitSql(pool), schema);
  return { claim: guard.claim, close: () => pool.end() };
}

/**
 * The table's migration, which every subgraph runs after its own (subgraphDataSource
 * adds it), so each schema gets the same table from this one definition.
 */
export function signedRequestMigration(schema: string): new () => MigrationInterface {
  const name = table(schema);
  return class SignedRequestIds1764633600000 implements MigrationInterface {
    name = 'SignedRequestIds1764633600000';

    async up(db: QueryRunner): Promise<void> {
      await db.query(`CREATE TABLE ${name} (id uuid PRIMARY KEY, expires_at timestamptz NOT NULL)`);
      await db.query(`CREATE INDEX ${SIGNED_REQUEST_TABLE}_expires_idx ON ${name} (expires_at)`);
    }

    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE ${name}`);
    }
  };
}
