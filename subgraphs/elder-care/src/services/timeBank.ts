import { badUserInput, conflict, forbidden, type Identity, notFound } from '@civic/shared';
import { mayGrantFromPool } from '../domain/access';
import { isPriorityElder } from '../domain/risk';
import { ACCOUNT_CAP, REWARDS, type RewardKind, splitDeposit, toCents } from '../domain/timeBank';
import type { ServiceCategory } from '../domain/vocabulary';
import { accountRepository, type AccountRow, type NewEntry } from '../repositories/accounts';
import { elderRepository } from '../repositories/elders';
import type { RequestRow } from '../repositories/requests';
import type { Sql, Transactional } from '@civic/shared';
import { actorOf } from './errors';

const over = (balance: number, hours: number) => toCents(balance) + toCents(hours) > toCents(ACCOUNT_CAP);

/** Locks the accounts (people by id, then pools) and returns them by id. */
async function locked(tx: Sql, ids: string[]): Promise<Map<string, AccountRow>> {
  return new Map((await accountRepository(tx).lock(ids)).map((a) => [a.id, a]));
}

/**
 * 存: the completed request's hours go to its volunteer; what would lift the account
 * above the cap moves on to the donation pool of the request's community. Runs in
 * the transition's transaction, with the request row locked; the unique deposit
 * index backs that lock. The pool is opened and locked only on overflow, so
 * completions in one community do not queue behind its pool.
 */
export async function depositForRequest(tx: Sql, request: RequestRow, actorId: string | null): Promise<void> {
  const accounts = accountRepository(tx);
  const volunteerId = request.volunteerId as string;
  const hours = request.hours as number;
  await accounts.ensurePersons([volunteerId], request.regionCode);
  const [opened] = await accounts.findByPersonIds([volunteerId]);
  const person = (await locked(tx, [opened.id])).get(opened.id) as AccountRow;
  const { kept, overflow } = splitDeposit(person.balance, hours);
  const entries: NewEntry[] = [{ accountId: person.id, kind: 'DEPOSIT', hours, requestId: request.id }];
  let poolId: string | null = null;
  if (overflow > 0) {
    await accounts.ensurePool(request.regionCode);
    const [pool] = await accounts.poolsOf([request.regionCode]);
    await locked(tx, [pool.id]);
    poolId = pool.id;
    entries.push(
      { accountId: person.id, kind: 'DONATION_OUT', hours: -overflow, requestId: request.id, counterpartAccountId: pool.id },
      { accountId: pool.id, kind: 'DONATION_IN', hours: overflow, requestId: request.id, counterpartAccountId: person.id },
    );
  }
  await accounts.append(entries, actorId);
  await accounts.adjust(person.id, kept, hours);
  if (poolId) await accounts.adjust(poolId, overflow);
}

/** Spends hours from the caller's own account (a redemption or a reward): CONFLICT above the balance. */
async function spend(db: Transactional, actor: string, hours: number, entry: Omit<NewEntry, 'accountId' | 'hours'>, key: string | null) {
  return db.transaction(async (tx) => {
    const accounts = accountRepository(tx);
    const [own] = await accounts.findByPersonIds([actor]);
    if (!own) throw conflict('the time bank account holds no hours');
    const account = (await locked(tx, [own.id])).get(own.id) as AccountRow;
    if (key && (await accounts.hasEntryWithKey(account.id, key))) return account;
    if (toCents(hours) > toCents(account.balance)) throw conflict(`the balance is ${account.balance} hours, less than ${hours}`);
    await accounts.append([{ ...entry, accountId: account.id, hours: -hours }], actor, key);
    await accounts.adjust(account.id, -hours);
    return (await accounts.findByIds([account.id]))[0];
  });
}

/** 兑: hours for a service to oneself or to an elder one is recorded as family of; never cash. */
export async function redeemHours(
  db: Transactional, identity: Identity,
  args: { hours: number; category: ServiceCategory; beneficiaryId: string | null; idempotencyKey: string | null },
) {
  const actor = actorOf(identity, 'redeem hours');
  const beneficiary = args.beneficiaryId ?? actor;
  if (beneficiary !== actor) {
    const family = await elderRepository(db).isCarerOfPerson(actor, beneficiary);
    if (!family) throw forbidden('hours are redeemed for oneself or for an elder one is recorded as family of');
  }
  return spend(db, actor, args.hours, { kind: 'REDEMPTION', category: args.category, beneficiaryId: beneficiary }, args.idempotencyKey);
}

export async function buyReward(db: Transactional, identity: Identity, reward: RewardKind, idempotencyKey: string | null) {
  const actor = actorOf(identity, 'buy a reward');
  return spend(db, actor, REWARDS[reward].hours, { kind: 'REWARD', reward }, idempotencyKey);
}

/** Moves hours between two accounts, both locked in the one lock order (so two opposite transfers never deadlock). */
async function transfer(tx: Sql, from: AccountRow, to: AccountRow, hours: number, actor: string, key: string | null) {
  const accounts = accountRepository(tx);
  const now = await locked(tx, [from.id, to.id]);
  const source = now.get(from.id) as AccountRow;
  const target = now.get(to.id) as AccountRow;
  if (key && (await accounts.hasEntryWithKey(source.id, key))) return;
  if (toCents(hours) > toCents(source.balance)) throw conflict(`the balance is ${source.balance} hours, less than ${hours}`);
  if (target.personId && over(target.balance, hours)) throw conflict(`the receiving account would hold more than ${ACCOUNT_CAP} hours`);
  await accounts.append(
    [
      { accountId: source.id, kind: 'DONATION_OUT', hours: -hours, counterpartAccountId: target.id },
      { accountId: target.id, kind: 'DONATION_IN', hours, counterpartAccountId: source.id },
    ],
    actor,
    key,
  );
  await accounts.adjust(source.id, -hours);
  await accounts.adjust(target.id, hours);
}

/** 捐: hours from the caller's account to another person's, one elder care knows (NOT_FOUND otherwise). */
export async function donateHours(db: Transactional, identity: Identity, args: { toPersonId: string; hours: number; idempotencyKey: string | null }) {
  const actor = actorOf(identity, 'donate hours');
  if (args.toPersonId === actor) throw badUserInput('donate to someone else', { argument: 'toPersonId' });
  return db.transaction(async (tx) => {
    const accounts = accountRepository(tx);
    // Any UUID would otherwise get an account and the hours, lost to everyone.
    if (!(await accounts.knowsPerson(args.toPersonId))) throw notFound('no one in the elder-care programme has this id');
    const [from] = await accounts.findByPersonIds([actor]);
    if (!from) throw conflict('the time bank account holds no hours');
    await accounts.ensurePersons([args.toPersonId], from.regionCode);
    const [to] = await accounts.findByPersonIds([args.toPersonId]);
    await transfer(tx, from, to, args.hours, actor, args.idempotencyKey);
    return (await accounts.findByIds([from.id]))[0];
  });
}

/** Grants hours from the community's donation pool to a priority elder (living alone or disabled) of that community. */
export async function grantPoolHours(db: Transactional, identity: Identity, args: { elderId: string; hours: number; idempotencyKey: string | null }) {
  const actor = actorOf(identity, 'grant hours');
  return db.transaction(async (tx) => {
    const [elder] = await elderRepository(tx).findByIds([args.elderId]);
    if (!elder) throw notFound('no elder with this id');
    if (!mayGrantFromPool(identity, elder.regionCode)) throw forbidden("grants are made by the officers of the elder's region");
    if (!isPriorityElder(elder.conditions)) throw badUserInput('only elders living alone or disabled are granted pool hours', { argument: 'elderId' });
    const accounts = accountRepository(tx);
    const [pool] = await accounts.poolsOf([elder.regionCode]);
    if (!pool) throw conflict("the elder's community has no donated hours");
    await accounts.ensurePersons([elder.personId], elder.regionCode);
    const [to] = await accounts.findByPersonIds([elder.personId]);
    await transfer(tx, pool, to, args.hours, actor, args.idempotencyKey);
    return (await accounts.findByIds([to.id]))[0];
  });
}
