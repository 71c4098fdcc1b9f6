import { badUserInput, conflict, notFound, type Write } from '@civic/shared';
import { beneficiaryRule, officerOfElderRegionRule } from '../domain/writeRules';
import { isPriorityElder } from '../domain/risk';
import { ACCOUNT_CAP, cityOf, REWARDS, type RewardKind, splitDeposit, toCents } from '../domain/timeBank';
import type { ServiceCategory } from '../domain/vocabulary';
import { accountRepository, type AccountRow, type NewTransfer } from '../repositories/accounts';
import { elderRepository } from '../repositories/elders';
import type { RequestRow } from '../repositories/requests';
import type { Sql } from '@civic/shared';

const over = (balance: number, hours: number) => toCents(balance) + toCents(hours) > toCents(ACCOUNT_CAP);

/** Locks the accounts (people by id, then pools, then the programme's) and returns them by id. */
async function locked(tx: Sql, ids: string[]): Promise<Map<string, AccountRow>> {
  return new Map((await accountRepository(tx).lock(ids)).map((a) => [a.id, a]));
}

/** A person's account, opened where they belong if they have none yet, locked. */
async function personAccount(tx: Sql, personId: string, regionCode: string): Promise<AccountRow> {
  const accounts = accountRepository(tx);
  await accounts.ensurePersons([personId], regionCode);
  const [opened] = await accounts.findByPersonIds([personId]);
  return (await locked(tx, [opened.id])).get(opened.id) as AccountRow;
}

/** Opens the volunteer's account at completion, so the pending hours show beside its balance. */
export async function openVolunteerAccount(tx: Sql, request: RequestRow): Promise<AccountRow> {
  return personAccount(tx, request.volunteerId as string, request.regionCode);
}

/**
 * 存: the request's confirmed hours are issued from the issuing account of the
 * request's city to its volunteer; what would lift the account above the cap moves
 * on to the donation pool of the request's community. Runs in the review step's
 * transaction, with the request row locked; the unique deposit index backs that
 * lock. The pool is opened and locked only on overflow, so deposits in one
 * community do not queue behind its pool; the issuing account is locked last.
 */
export async function depositForRequest(tx: Sql, request: RequestRow, actorId: string | null): Promise<void> {
  const accounts = accountRepository(tx);
  const hours = request.hours as number;
  const person = await openVolunteerAccount(tx, request);
  const { overflow } = splitDeposit(person.balance, hours);
  let pool: AccountRow | null = null;
  if (overflow > 0) {
    await accounts.ensurePool(request.regionCode);
    [pool] = await accounts.poolsOf([request.regionCode]);
  }
  const issuing = await accounts.programme('ISSUING', cityOf(request.regionCode));
  await locked(tx, [...(pool ? [pool.id] : []), issuing.id]);
  // The overflow posts first: the account's cap is checked at every posting, and moving the
  // overflow out before the hours arrive keeps it within [0, cap] throughout (overflow <= balance).
  const deposit: NewTransfer = { kind: 'DEPOSIT', debitAccountId: issuing.id, creditAccountId: person.id, hours, requestId: request.id };
  const spill: NewTransfer[] = pool ? [{ kind: 'OVERFLOW', debitAccountId: person.id, creditAccountId: pool.id, hours: overflow, requestId: request.id }] : [];
  await accounts.transfer([...spill, deposit], actorId);
}

/**
 * The moves a holder or an officer makes run in the write path's one transaction
 * (`w.tx`), whose key store makes a retry with the same key answer the first
 * result: nothing here checks keys.
 */

/** Spends hours of the caller's own account into the city's redemption account (a redemption or a reward): CONFLICT above the balance. */
async function spend(tx: Sql, actor: string, hours: number, transfer: Pick<NewTransfer, 'kind' | 'beneficiaryId' | 'category' | 'reward'>) {
  const accounts = accountRepository(tx);
  const [own] = await accounts.findByPersonIds([actor]);
  if (!own) throw conflict('the time bank account holds no hours');
  const account = (await locked(tx, [own.id])).get(own.id) as AccountRow;
  if (toCents(hours) > toCents(account.balance)) throw conflict(`the balance is ${account.balance} hours, less than ${hours}`);
  const redemption = await accounts.programme('REDEMPTION', cityOf(account.regionCode as string));
  await locked(tx, [redemption.id]);
  await accounts.transfer([{ ...transfer, debitAccountId: account.id, creditAccountId: redemption.id, hours }], actor);
  return (await accounts.findByIds([account.id]))[0];
}

/** 兑: hours for a service to oneself or to an elder one is recorded as family of; never cash. */
export async function redeemHours(w: Write, args: { hours: number; category: ServiceCategory; beneficiaryId: string | null }) {
  const beneficiary = args.beneficiaryId ?? w.actor;
  const isFamily = beneficiary !== w.actor && (await elderRepository(w.tx).isCarerOfPerson(w.actor, beneficiary));
  w.require(beneficiaryRule, { beneficiaryId: beneficiary, isFamily });
  return spend(w.tx, w.actor, args.hours, { kind: 'REDEMPTION', category: args.category, beneficiaryId: beneficiary });
}

export async function buyReward(w: Write, reward: RewardKind) {
  return spend(w.tx, w.actor, REWARDS[reward].hours, { kind: 'REWARD', reward });
}

/** Moves hours between two holders' accounts, both locked in the one lock order (so two opposite transfers never deadlock). */
async function move(tx: Sql, kind: 'DONATION' | 'GRANT', from: AccountRow, to: AccountRow, hours: number, actor: string) {
  const accounts = accountRepository(tx);
  const now = await locked(tx, [from.id, to.id]);
  const source = now.get(from.id) as AccountRow;
  const target = now.get(to.id) as AccountRow;
  if (toCents(hours) > toCents(source.balance)) throw conflict(`the balance is ${source.balance} hours, less than ${hours}`);
  if (target.personId && over(target.balance, hours)) throw conflict(`the receiving account would hold more than ${ACCOUNT_CAP} hours`);
  await accounts.transfer([{ kind, debitAccountId: source.id, creditAccountId: target.id, hours }], actor);
}

/** 捐: hours from the caller's account to another person's, one elder care knows (NOT_FOUND otherwise), opened in the recipient's own region. */
export async function donateHours(w: Write, args: { toPersonId: string; hours: number }) {
  if (args.toPersonId === w.actor) throw badUserInput('donate to someone else', { argument: 'toPersonId' });
  const accounts = accountRepository(w.tx);
  // Any UUID would otherwise get an account and the hours, lost to everyone.
  const home = await accounts.homeRegionOf(args.toPersonId);
  if (!home) throw notFound('no one in the elder-care programme has this id');
  const [from] = await accounts.findByPersonIds([w.actor]);
  if (!from) throw conflict('the time bank account holds no hours');
  await accounts.ensurePersons([args.toPersonId], home);
  const [to] = await accounts.findByPersonIds([args.toPersonId]);
  await move(w.tx, 'DONATION', from, to, args.hours, w.actor);
  return (await accounts.findByIds([from.id]))[0];
}

/** Grants hours from the community's donation pool to a priority elder (living alone or disabled) of that community. */
export async function grantPoolHours(w: Write, args: { elderId: string; hours: number }) {
  const [elder] = await elderRepository(w.tx).findByIds([args.elderId]);
  if (!elder) throw notFound('no elder with this id');
  w.require(officerOfElderRegionRule, elder);
  if (!isPriorityElder(elder.conditions)) throw badUserInput('only elders living alone or disabled are granted pool hours', { argument: 'elderId' });
  const accounts = accountRepository(w.tx);
  const [pool] = await accounts.poolsOf([elder.regionCode]);
  if (!pool) throw conflict("the elder's community has no donated hours");
  await accounts.ensurePersons([elder.personId], elder.regionCode);
  const [to] = await accounts.findByPersonIds([elder.personId]);
  await move(w.tx, 'GRANT', pool, to, args.hours, w.actor);
  return (await accounts.findByIds([to.id]))[0];
}
