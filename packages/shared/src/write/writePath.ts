import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, civicError, conflict } from '../errors';
import { isGraphService } from '../auth/identity';
import { normalisedIdentity, serviceActor, writeRefusal } from './authorize';
import type { DeclaredWrite, Write, WriteContext, WriteDeclaration, WriteDeclarations, WriteRule } from './declare';
import { argumentsHash, keyStore } from './keyStore';

const MAX_KEY_LENGTH = 100;

/** The `idempotencyKey` argument, trimmed (blank is none); BAD_USER_INPUT when required and missing, or too long. */
export function idempotencyKeyOf(value: unknown, policy: DeclaredWrite['idempotencyKey']): string | null {
  const key = typeof value === 'string' ? value.trim() : '';
  if (key.length > MAX_KEY_LENGTH) throw badUserInput(`idempotencyKey is longer than ${MAX_KEY_LENGTH} characters`, { argument: 'idempotencyKey' });
  if (!key && policy === 'required') {
    throw badUserInput('this change needs an idempotencyKey, so that a retry does not repeat it', { argument: 'idempotencyKey' });
  }
  return key || null;
}

/**
 * Runs one mutation through the write path: the declared roles (before anything
 * is looked up), the arguments, then one transaction holding the key store's row
 * and the service's change together.
 */
export async function runWrite<Ctx extends WriteContext>(
  declared: DeclaredWrite<Ctx>,
  operation: string,
  args: Record<string, unknown>,
  ctx: Ctx,
): Promise<unknown> {
  const refused = writeRefusal(declared, ctx.identity, operation);
  if (refused) throw refused;
  const identity = normalisedIdentity(ctx.identity);
  const actor = isGraphService(identity) ? serviceActor(identity.service as string) : (identity.sub as string);
  const key = idempotencyKeyOf(args.idempotencyKey, declared.idempotencyKey);
  const parsed = declared.parse ? declared.parse(args, ctx) : args;

  return ctx.db.transaction(async (tx) => {
    const write: Write<Ctx> = {
      tx,
      identity,
      actor,
      operation,
      ctx,
      require<Facts>(rule: WriteRule<Facts>, facts: Facts) {
        if (!declared.rules?.includes(rule)) throw new Error(`${operation} applies rule ${rule.name} without declaring it`);
        if (!rule.allows(identity, facts)) {
          throw civicError('FORBIDDEN', typeof rule.refusal === 'function' ? rule.refusal(facts) : rule.refusal, { rule: rule.name });
        }
      },
    };
    if (!key) return declared.run(write, parsed);

    const reference = declared.result;
    if (!reference) throw new Error(`${operation} takes an idempotencyKey but declares no result reference`);
    const store = keyStore(tx, declared.dbSchema);
    const hash = argumentsHash(parsed);
    const first = await store.claim(actor, operation, key, hash);
    if (first) {
      if (first.argumentsHash !== hash) {
        throw civicError('CONFLICT', `idempotency key "${key}" was used for ${operation} with other arguments`, { idempotencyKey: key });
      }
      const result = await reference.load(tx, first.resultId, ctx);
      if (!result) throw conflict(`the result of the first ${operation} with key "${key}" no longer exists`);
      return result;
    }
    const result = await declared.run(write, parsed);
    const id = reference.id ? reference.id(result) : (result as { id: string }).id;
    await store.record(actor, operation, key, reference.typename, String(id));
    return result;
  });
}

/** The `Mutation` resolvers of a subgraph's declarations: each field takes its declaration's arguments and gives its result. */
export type WriteResolvers<Ctx, D extends WriteDeclarations> = {
  [Field in keyof D]: (
    root: unknown,
    args: D[Field] extends DeclaredWrite<any, infer Args, any, any> ? Args : never,
    ctx: Ctx,
    info: GraphQLResolveInfo,
  ) => Promise<D[Field] extends DeclaredWrite<any, any, any, infer Result> ? Result : never>;
};

/**
 * A subgraph's write path: `mutation` declares one mutation, `resolvers` turns the
 * declarations into the `Mutation` resolver map (each field runs through runWrite
 * under its own name). Declaring ANALYST, or PARTNER outside a partner subgraph
 * (without `everyPartner`), throws when the module loads.
 */
export function writePath<Ctx extends WriteContext>(options: { subgraph: string; dbSchema: string; partner?: boolean }) {
  const partner = options.partner ?? false;
  return {
    mutation<Args = any, Parsed = Args, Result = any>(declaration: WriteDeclaration<Ctx, Args, Parsed, Result>): DeclaredWrite<Ctx, Args, Parsed, Result> {
      if ((declaration.roles as string[]).includes('ANALYST')) throw new Error('an ANALYST never writes: do not declare it');
      if (declaration.roles.includes('PARTNER') && !partner && !declaration.everyPartner) {
        throw new Error(
          `${options.subgraph} is not a partner subgraph: PARTNER may not write here, unless every partner may on its own records (everyPartner)`,
        );
      }
      if (declaration.roles.length === 0 && !declaration.services?.length) throw new Error('a mutation declares the roles or the services that may call it');
      if (declaration.idempotencyKey === 'none' && !declaration.naturallyIdempotent) {
        throw new Error('a mutation without an idempotencyKey says why a retry is safe (naturallyIdempotent)');
      }
      if (declaration.services?.length && declaration.idempotencyKey !== 'none')
        throw new Error('a mutation for services keeps no key: declare idempotencyKey none');
      if (declaration.idempotencyKey !== 'none' && !declaration.result) throw new Error('a mutation with an idempotencyKey declares its result reference');
      return { ...declaration, subgraph: options.subgraph, dbSchema: options.dbSchema, partner };
    },

    // Typed by each declaration's arguments and result, so `MutationResolvers` (generated from the SDL) checks them.
    resolvers<D extends WriteDeclarations>(declarations: D): WriteResolvers<Ctx, D> {
      return Object.fromEntries(
        Object.entries(declarations).map(([field, declared]) => [
          field,
          (_root: unknown, args: Record<string, unknown>, ctx: Ctx) => runWrite(declared as DeclaredWrite<Ctx>, field, args, ctx),
        ]),
      ) as unknown as WriteResolvers<Ctx, D>;
    },
  };
}
