import { REWARDS, splitDeposit, toCents, fromCents, ACCOUNT_CAP, cityOf, TRANSFER_ACCOUNTS } from '../domain/timeBank';
import { isPriorityElder } from '../domain/risk';
import type { AccountKind, TransferKind } from '../domain/vocabulary';
import { addDays, chinaToday, localInstant, type SeededRandom } from '@civic/shared';
import { END_OF_TODAY } from './timeline';
import type { ElderCareSeedPlan } from './types';

type Plan = ElderCareSeedPlan;
type Account = Plan['accounts'][number];
type Transfer = Plan['transfers'][number];

/**
 * Hours carried over from the programme's paper ledger for a few long-serving
 * volunteers of each district, as OPENING_BALANCE transfers from the city's issuing
 * account on the day the system opened: enough for one to five stars, and one
 * account at the edge of the cap so the demo shows an overflow into a donation pool.
 * They are most of the seeded hours, and the books say so (`openingHours`).
 */
const CARRIED_OVER = [120, 320, 650, 1_020, 1_498];
const OPENED = localInstant('2025-01-01', 9);

/**
 * The time bank's history, replayed in order through the same rules the services
 * keep (double entry, the cap, no balance below zero), so every balance the
 * database computes from the transfers is one the rules allowed.
 */
export function planLedger(plan: Plan, random: SeededRandom, volunteersOf: Map<string, string[]>): void {
  const accounts = new Map<string, Account>();
  /** Each account's latest posting: what it holds is spent or granted only after it came in. */
  const lastAt = new Map<string, Date>();
  const after = (account: Account, days: number) => {
    const last = lastAt.get(account.id) ?? OPENED;
    const at = localInstant(addDays(chinaToday(last), days), 10);
    return at < END_OF_TODAY ? at : null;
  };
  const open = (kind: AccountKind, personId: string | null, pool: string | null, regionCode: string): Account => {
    const key = personId ?? `${kind}:${pool ?? regionCode}`;
    let account = accounts.get(key);
    if (!account) {
      account = { id: random.uuid(), kind, personId, poolRegionCode: pool, regionCode, balance: 0, totalDeposited: 0 };
      accounts.set(key, account);
      plan.accounts.push(account);
    }
    return account;
  };
  const person = (personId: string, regionCode: string) => open('PERSON', personId, null, regionCode);
  const programme = (kind: 'ISSUING' | 'REDEMPTION', regionCode: string) => open(kind, null, null, cityOf(regionCode));
  const move = (kind: TransferKind, from: Account, to: Account, hours: number, at: Date, extra: Partial<Transfer> = {}) => {
    const sides = TRANSFER_ACCOUNTS[kind];
    if (from.kind !== sides.debit || to.kind !== sides.credit) throw new Error(`seed: a ${kind} from ${from.kind} to ${to.kind}`);
    plan.transfers.push({
      kind,
      debitAccountId: from.id,
      creditAccountId: to.id,
      hours,
      requestId: null,
      beneficiaryId: null,
      category: null,
      reward: null,
      actorId: null,
      at,
      ...extra,
    });
    for (const side of [from, to]) lastAt.set(side.id, at);
    from.balance = fromCents(toCents(from.balance) - toCents(hours));
    to.balance = fromCents(toCents(to.balance) + toCents(hours));
    if (kind === 'DEPOSIT' || kind === 'OPENING_BALANCE') to.totalDeposited = fromCents(toCents(to.totalDeposited) + toCents(hours));
  };

  // 1. Carried over on the first day of the system.
  for (const [district, volunteers] of volunteersOf) {
    volunteers.slice(0, CARRIED_OVER.length).forEach((personId, i) => {
      const home = plan.members.find((m) => m.personId === personId);
      const regionCode = plan.teams.find((t) => t.id === home?.teamId)?.regionCode ?? `${district}000000`;
      move('OPENING_BALANCE', programme('ISSUING', regionCode), person(personId, regionCode), CARRIED_OVER[i], OPENED);
    });
  }

  // 2. A deposit for each request whose hours were confirmed, in the order they were; above the cap, to the pool.
  const deposited = plan.requests
    .filter((r) => r.hoursStatus === 'DEPOSITED')
    .map((request) => ({ request, at: plan.steps.find((s) => s.requestId === request.id && s.hoursStatus === 'DEPOSITED')!.at }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const { request, at } of deposited) {
    const account = person(request.volunteerId!, request.regionCode);
    const hours = request.hours!;
    const { overflow } = splitDeposit(account.balance, hours);
    const extra = { requestId: request.id, actorId: request.volunteerId };
    // The overflow first, as the service posts it: the balance stays within the cap at every posting.
    if (overflow > 0) move('OVERFLOW', account, open('POOL', null, request.regionCode, request.regionCode), overflow, at, extra);
    move('DEPOSIT', programme('ISSUING', request.regionCode), account, hours, at, extra);
  }

  // 3. Then the holders spend: services for themselves or family, gifts to each other, rewards.
  const people = plan.accounts.filter((a) => a.kind === 'PERSON');
  people.forEach((account, i) => {
    const at = after(account, 1 + (i % 5));
    if (!at) return;
    const redemption = programme('REDEMPTION', account.regionCode);
    if (account.balance >= 4 && random.chance(0.35)) {
      const hours = random.int(2, Math.min(8, Math.floor(account.balance)));
      const family = plan.carers.find((c) => c.personId === account.personId);
      const beneficiary = family ? plan.elders.find((e) => e.id === family.elderId)!.personId : account.personId;
      move('REDEMPTION', account, redemption, hours, at, {
        beneficiaryId: beneficiary,
        category: random.pick(['MEAL', 'VISIT', 'COMPANIONSHIP'] as const),
        actorId: account.personId,
      });
    }
    if (account.balance >= 3 && random.chance(0.2)) {
      const to = people[(i + 1) % people.length];
      const hours = random.int(1, Math.min(5, Math.floor(account.balance)));
      if (to !== account && toCents(to.balance) + toCents(hours) <= toCents(ACCOUNT_CAP))
        move('DONATION', account, to, hours, at, { actorId: account.personId });
    }
    const reward = random.pick(['HONOUR_CERTIFICATE', 'SCENIC_SPOT_PASS', 'CANTEEN_MEALS', 'HEALTH_CHECK'] as const);
    if (account.balance >= REWARDS[reward].hours && random.chance(0.25)) {
      move('REWARD', account, redemption, REWARDS[reward].hours, at, { reward, actorId: account.personId });
    }
  });

  // 4. Each pool grants what it holds to a priority elder of its community.
  for (const pool of plan.accounts.filter((a) => a.kind === 'POOL')) {
    const elder = plan.elders.find((e) => e.regionCode === pool.poolRegionCode && isPriorityElder(e.conditions));
    if (!elder || pool.balance <= 0) continue;
    const account = person(elder.personId, elder.regionCode);
    const hours = Math.min(pool.balance, fromCents(toCents(ACCOUNT_CAP) - toCents(account.balance)));
    const at = after(pool, 1);
    if (hours <= 0 || !at) continue;
    move('GRANT', pool, account, hours, at);
  }
}
