/**
 * The one write path: every mutation of every subgraph goes through it.
 *
 * How a subgraph uses it:
 *
 * 1. A migration of its own creates the key store in its schema, one line:
 *      export const IdempotencyKeys1796083200001 = idempotencyKeyMigration('elder_care', 1796083200001);
 *    (or, inside a hand-written migration, run createIdempotencyTableSql / dropIdempotencyTableSql).
 *
 * 2. Beside its resolvers (e.g. `src/resolvers/Mutation.ts`) it declares each mutation:
 *
 *      const write = writePath<ElderCareContext>({ subgraph: 'elder-care', dbSchema: 'elder_care' });
 *      const officerOfElderRegion = writeRule<{ regionCode: string }>(
 *        'officerOfElderRegion', "grants are made by the officers of the elder's region",
 *        (identity, elder) => coversRegion(identity, elder.regionCode));
 *
 *      export const writes = {
 *        grantPoolHours: write.mutation({
 *          roles: ['CITY_ADMIN', 'DISTRICT_OFFICER'],    // who may act at all
 *          rules: [officerOfElderRegion],                 // checks the service applies with its data
 *          idempotencyKey: 'required',                    // 'optional' for creations, 'none' + naturallyIdempotent
 *          parse: (args) => ({ elderId: assertUuid(args.elderId, 'elderId'), hours: … }),
 *          run: (w, args) => grantPoolHours(w, args),     // w.tx, w.actor, w.identity, w.require(rule, facts)
 *          result: { typename: 'TimeBankAccount', load: (tx, id) => accountRepository(tx).findById(id) },
 *        }),
 *      };
 *      export const Mutation = write.resolvers(writes);   // the resolver map
 *
 *    and its SubgraphModule exposes `writes` (tests walk them against the composed schema).
 *
 * 3. The services take the `Write` (or its `tx`) instead of a DataSource and never
 *    open a transaction of their own; a data-dependent refusal is `w.require(rule, facts)`
 *    (FORBIDDEN with `extensions.rule`; a rule's refusal text may depend on the facts).
 *    A service written before the write path may take `Transactional` (w.tx fits it):
 *    its own `transaction()` then becomes a savepoint inside the one transaction.
 *
 * What the wrapper does, in order, the same in every subgraph:
 *   - no `sub` (anonymous) or a `sub` that is not a UUID → UNAUTHENTICATED;
 *   - none of the declared roles → FORBIDDEN (ANALYST never writes; PARTNER only in
 *     its own partner subgraph, the token's `partner` claim equal to the subgraph's name);
 *   - the `idempotencyKey` argument (BAD_USER_INPUT when required and missing), then `parse`;
 *   - one transaction: with a key, the key store's row for (caller, operation, key)
 *     is claimed first (INSERT … ON CONFLICT DO NOTHING, so a concurrent retry waits
 *     for the first and then reads its row); the same arguments return the first
 *     result through `result.load`, nothing applied twice; other arguments → CONFLICT
 *     naming the key; two callers' keys never meet. Otherwise the service runs and
 *     the result's typename and id are recorded in the same transaction. A call that
 *     fails rolls its key back with it, so a retry can still succeed.
 */
export * from './declare';
export * from './authorize';
export * from './keyTable';
export * from './keyStore';
export * from './keyRetention';
export * from './writePath';
