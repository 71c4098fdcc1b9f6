import { forbidden, parsePage, toConnection } from '@civic/shared';
import type { ElderCareContext } from '../context';
import { assertSignedIn, mayReadAccount } from '../domain/access';
import { stars } from '../domain/timeBank';
import type { AccountRow, EntryRow } from '../repositories/accounts';
import { isEntryKey, person, readableRequest } from './guards';
import type { DonationPoolResolvers, PersonResolvers, TimeBankAccountResolvers, TimeBankEntryResolvers } from '../generated/resolvers';

type Ctx = ElderCareContext;
type PageArgs = { first?: number | null; after?: string | null };

async function entries(account: AccountRow, args: PageArgs, ctx: Ctx) {
  const page = parsePage(args, 'TimeBankAccount.entries', isEntryKey);
  // Batched over the accounts of the request, and counted only when totalCount is asked.
  const rows = await ctx.loaders.accountEntries.load({ parentId: account.id, page });
  const total = async () => (await ctx.loaders.accountEntryCount.load(account.id))?.count ?? 0;
  return toConnection(rows, page, total, (entry) => [entry.id, entry.id]);
}

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),

  /** Anonymous callers and strangers get FORBIDDEN; a person without an account, null. */
  async timeBank(ref, _, ctx) {
    assertSignedIn(ctx.identity);
    const account = await ctx.loaders.accountOfPerson.load(ref.id.toLowerCase());
    const holder = { personId: ref.id.toLowerCase(), regionCode: account?.regionCode ?? null };
    if (!mayReadAccount(ctx.identity, holder)) throw forbidden('a time bank is read by its holder and the officers of its region');
    return account;
  },
};

export const TimeBankAccount: TimeBankAccountResolvers = {
  // A TimeBankAccount is a person's (a pool is a DonationPool): the table's CHECK keeps person_id set for kind PERSON.
  person: (account) => person(account.personId as string),
  stars: (account) => stars(account.totalDeposited),
  pendingHours: async (account, _, ctx) => (await ctx.loaders.pendingHours.load(account.personId as string))?.hours ?? 0,
  entries: (account, args, ctx) => entries(account, args, ctx),
};

export const DonationPool: DonationPoolResolvers = {
  region: (pool) => ({ code: pool.poolRegionCode }),
  entries: (pool, args, ctx) => entries(pool, args, ctx),
};

/** The other side of a donation: a person, or a community's pool. */
async function counterpart(entry: EntryRow, ctx: Ctx) {
  return entry.counterpartAccountId ? ctx.loaders.account.load(entry.counterpartAccountId) : null;
}

export const TimeBankEntry: TimeBankEntryResolvers = {
  at: (entry) => entry.createdAt,
  request: async (entry, _, ctx) => readableRequest(ctx, entry.requestId ? await ctx.loaders.request.load(entry.requestId) : null),
  counterpart: async (entry, _, ctx) => person((await counterpart(entry, ctx))?.personId ?? null),
  poolRegion: async (entry, _, ctx) => {
    const pool = (await counterpart(entry, ctx))?.poolRegionCode;
    return pool ? { code: pool } : null;
  },
  beneficiary: (entry) => person(entry.beneficiaryId),
};
