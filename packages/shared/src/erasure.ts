import { assertUuid } from './ids';
import { queryGraph, type ServiceOperation } from './graphQuery';
import type { GraphServices } from './subgraphModule';
import type { WriteContext } from './write/declare';
import type { writePath } from './write/writePath';

/**
 * Erasing a person (PIPL Art. 47) across the graph. The directory holds identifying
 * data (names, phones, ID numbers, dates of birth) alone; a few subgraphs keep free
 * text about a person beside their id (an elder's care note, a request's note, a
 * station order's note, a story's narrator as printed). Each such subgraph declares
 * one mutation that drops its copies, answering the directory alone (a service call
 * signed with the directory's own secret, verified by the gateway), and the directory
 * calls them all before it pseudonymises the person, in its erasure's transaction:
 * if any cannot answer, nothing is erased and the erasure may be retried.
 */
export const ERASURE_CALLER = 'directory';

/** The name an erased person reads as, to everyone, wherever a name of theirs was printed. */
export const ERASED_NAME = '已删除';

/** One statement dropping a subgraph's copies of a person's data, `$1` the person's id; its count of rows changed. */
export interface ErasureStatement {
  /** the statement's name, for the SQL comment */
  name: string;
  sql: string;
}

/** A subgraph's part of an erasure, for its `writes`: the directory alone may call it, and it is idempotent. */
export function erasureWrite<Ctx extends WriteContext>(write: ReturnType<typeof writePath<Ctx>>, statements: readonly ErasureStatement[]) {
  return write.mutation({
    roles: [],
    services: [ERASURE_CALLER],
    idempotencyKey: 'none',
    naturallyIdempotent: 'what it drops stays dropped: a second call changes nothing more',
    parse: (args: { personId: string }) => ({ personId: assertUuid(args.personId, 'personId') }),
    async run(w, { personId }): Promise<number> {
      let changed = 0;
      for (const statement of statements) {
        // pg answers an UPDATE through TypeORM as [rows, rowCount]
        const [, count] = (await w.tx.query(`/* ${statement.name} */ ${statement.sql}`, [personId])) as [unknown, number];
        changed += count;
      }
      return changed;
    },
  });
}

/**
 * The directory's call: every subgraph's part of the erasure, in one registered
 * mutation through the gateway (its service-operations/ErasePersonCopies.graphql,
 * naming the fields each subgraph declares with `erasureWrite`). Any failure is
 * SERVICE_UNAVAILABLE (queryGraph), so the directory's own erasure rolls back.
 */
export async function eraseCopiesAcrossGraph(
  services: GraphServices,
  operation: ServiceOperation,
  personId: string,
  timeoutMs = 10_000,
): Promise<Record<string, number>> {
  return queryGraph<Record<string, number>>(services, "the person's copies", operation, { id: personId }, timeoutMs);
}
