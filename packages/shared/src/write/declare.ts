import type { DataSource, EntityManager } from 'typeorm';
import type { Identity, Role } from '../auth/identity';

/** The roles that may be declared as writers: an analyst reads, it never writes. */
export type WriterRole = Exclude<Role, 'ANALYST'>;

/**
 * A data-dependent rule of who may act ("an officer of the elder's region"), named
 * so that a declaration lists it and a refusal says which rule refused. The service
 * evaluates it inside the transaction, with the facts it has loaded there.
 */
export interface WriteRule<Facts> {
  name: string;
  /** why a refused caller is refused, as the FORBIDDEN message says it (from the facts, when it depends on them) */
  refusal: string | ((facts: Facts) => string);
  allows(identity: Identity, facts: Facts): boolean;
}

export function writeRule<Facts>(
  name: string,
  refusal: string | ((facts: Facts) => string),
  allows: (identity: Identity, facts: Facts) => boolean,
): WriteRule<Facts> {
  return { name, refusal, allows };
}

/**
 * What a mutation's context must carry for the write path: the verified caller and
 * the subgraph's DataSource, on which the one transaction is opened.
 */
export interface WriteContext {
  identity: Identity;
  db: DataSource;
}

/**
 * What the service is handed: the open transaction, the caller (its `sub` a
 * lower-case UUID, `actor` the same id), and `require` for the declared rules.
 */
export interface Write<Ctx extends WriteContext = WriteContext> {
  tx: EntityManager;
  identity: Identity;
  /** the caller's person id, lower case (`service:<name>` for a declared service caller) */
  actor: string;
  /** the mutation's field name, e.g. `grantPoolHours` */
  operation: string;
  ctx: Ctx;
  /** FORBIDDEN unless the declared rule allows the caller with these facts; a rule not declared is a programming error */
  require<Facts>(rule: WriteRule<Facts>, facts: Facts): void;
}

/**
 * `required`: BAD_USER_INPUT without a key (time bank moves); `optional`: a key makes
 * a retry safe (everything that creates or moves something); `none`: the mutation
 * takes no key, with `naturallyIdempotent` saying why a retry is safe anyway.
 */
export type KeyPolicy = 'required' | 'optional' | 'none';

/** How a replay finds the first call's result again: by its typename and id, through a loader. */
export interface ResultReference<Ctx extends WriteContext, Result> {
  typename: string;
  /** the result's id (default: `result.id`) */
  id?(result: Result): string;
  /** reloads the result inside the replay's transaction; null if it is gone */
  load(tx: EntityManager, id: string, ctx: Ctx): Promise<Result | null | undefined>;
}

export interface WriteDeclaration<Ctx extends WriteContext, Args, Parsed, Result> {
  /** who may act at all; the wrapper refuses anyone else before the service runs */
  roles: readonly WriterRole[];
  /**
   * The graph's own subgraphs that may call it as themselves (a call signed with the
   * caller's own secret, verified by the gateway: `isGraphService`): the notice relays'
   * deliverNotices, the directory asking the others to drop their copies of an erased
   * person's data. Such a caller has no person: `actor` is the service's own id
   * (serviceActor, a UUID), and no key is kept.
   */
  services?: readonly string[];
  /**
   * Outside a partner subgraph: lets a PARTNER of any partner act (declared with
   * PARTNER in `roles`), saying why that is safe: the service confines it to its own
   * partner's records (the token's `partner` claim), as the directory's webhooks.
   */
  everyPartner?: string;
  /** the data-dependent rules the service applies with `write.require` */
  rules?: readonly WriteRule<any>[];
  idempotencyKey: KeyPolicy;
  /** for `none`: why a retry without a key is safe */
  naturallyIdempotent?: string;
  /**
   * Validates and normalises the arguments (BAD_USER_INPUT) after the role check
   * and before any SQL; the key store hashes what it returns (without the key).
   */
  parse?(args: Args, ctx: Ctx): Parsed;
  /** the change, inside the one transaction */
  run(write: Write<Ctx>, parsed: Parsed): Promise<Result>;
  /** required unless `idempotencyKey` is `none` */
  result?: ResultReference<Ctx, Result>;
}

/** A declaration bound to its subgraph: what the wrapper runs and what tests walk. */
export interface DeclaredWrite<Ctx extends WriteContext = any, Args = any, Parsed = any, Result = any> extends WriteDeclaration<Ctx, Args, Parsed, Result> {
  subgraph: string;
  dbSchema: string;
  /** true in a partner subgraph, where PARTNER may be declared */
  partner: boolean;
}

/** Every mutation of a subgraph, by field name. */
export type WriteDeclarations = Record<string, DeclaredWrite>;

/**
 * What a service written before the write path takes in place of a DataSource: the
 * write's own transaction (`write.tx`) serves, its `transaction()` opening a
 * savepoint inside the one transaction.
 */
export type Transactional = Pick<EntityManager, 'query' | 'transaction'>;
