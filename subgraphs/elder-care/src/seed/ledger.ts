import { REWARDS, splitDeposit, toCents, fromCents, ACCOUNT_CAP } from '../domain/timeBank';
import { isPriorityElder } from '../domain/risk';
import { addDays, localInstant, type SeededRandom } from '@civic/shared';
import type { ElderCareSeedPlan } from './types';

type Plan = ElderCareSeedPlan;
type Account = Plan['accounts'][number];

/**
 * Hours carried over from the programme's paper ledger for a few long-serving
 * volunteers of each district: enough for one to five stars, and one account
 * at the edge of the cap so the demo shows an overflow into a donation pool.
 */
const CARRIED_OVER = [120, 320, 650, 1_020, 1_498];

/**
 * The time bank's history, replayed in order through the same rules the services
 * keep (the cap, no balance below zero), so every balance equals its ledger.
 */
export function planLedger(plan: Plan, random: SeededRandom, volunteersOf: Map<string, string[]>): void {
  const accounts = new Map<string, Account>();
  const open = (personId: string | null, pool: string | null, regionCode: string): Account => {
    const key = personId ?? `pool:${pool}`;
    let account = accounts.get(key);
    if (!account) {
      account = { id: random.uuid(), personId, poolRegionCode: pool, regionCode, balance: 0, totalDeposited: 0 };
      accounts.set(key, account);
      plan.accounts.push(account);
    }
    return account;
  };
  const entry = (account: Account, kind: Plan['entries'][number]['kind'], hours: number, at: Date, extra: Partial<Plan['entries'][number]> = {}) => {
    plan.entries.push({ accountId: account.id, kind, hours, requestId: null, counterpartAccountId: null, beneficiaryId: null, category: null, reward: null, actorId: null, at, ...extra });
    account.balance = fromCents(toCents(account.balance) + toCents(hours));
  };

  // 1. Carried over on the first day of the system.
  for (const [district, volunteers] of volunteersOf) {
    volunteers.slice(0, CARRIED_OVER.length).forEach((personId, i) => {
      const home = plan.members.find((m) => m.personId === personId);
      const regionCode = plan.teams.find((t) => t.id === home?.teamId)?.regionCode ?? `${district}000000`;
      const account = open(personId, null, regionCode);
      entry(account, 'DEPOSIT', CARRIED_OVER[i], localInstant('2025-01-01', 9), { actorId: null });
      account.totalDeposited += CARRIED_OVER[i];
    });
  }

  // 2. A deposit for each completed request, in the order they were completed; above the cap, to the pool.
  const completed = plan.requests.filter((r) => r.hours !== null).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const request of completed) {
    const at = plan.steps.find((s) => s.requestId === request.id && s.status === 'COMPLETED')!.at;
    const account = open(request.volunteerId!, null, request.regionCode);
    const hours = request.hours!;
    const { overflow } = splitDeposit(account.balance, hours);
    entry(account, 'DEPOSIT', hours, at, { requestId: request.id, actorId: request.volunteerId });
    account.totalDeposited += hours;
    if (overflow > 0) {
      const pool = open(null, request.regionCode, request.regionCode);
      entry(account, 'DONATION_OUT', -overflow, at, { requestId: request.id, counterpartAccountId: pool.id, actorId: request.volunteerId });
      entry(pool, 'DONATION_IN', overflow, at, { requestId: request.id, counterpartAccountId: account.id, actorId: request.volunteerId });
    }
  }

  // 3. Then the holders spend: services for themselves or family, gifts to each other, rewards.
  const people = plan.accounts.filter((a) => a.personId !== null);
  people.forEach((account, i) => {
    const at = localInstant(addDays('2026-01-05', i % 20), 10);
    if (account.balance >= 4 && random.chance(0.35)) {
      const hours = random.int(2, Math.min(8, Math.floor(account.balance)));
      const family = plan.carers.find((c) => c.personId === account.personId);
      const beneficiary = family ? plan.elders.find((e) => e.id === family.elderId)!.personId : account.personId;
      entry(account, 'REDEMPTION', -hours, at, { beneficiaryId: beneficiary, category: random.pick(['MEAL', 'VISIT', 'COMPANIONSHIP'] as const), actorId: account.personId });
    }
    if (account.balance >= 3 && random.chance(0.2)) {
      const to = people[(i + 1) % people.length];
      const hours = random.int(1, Math.min(5, Math.floor(account.balance)));
      if (to !== account && toCents(to.balance) + toCents(hours) <= toCents(ACCOUNT_CAP)) {
        entry(account, 'DONATION_OUT', -hours, at, { counterpartAccountId: to.id, actorId: account.personId });
        entry(to, 'DONATION_IN', hours, at, { counterpartAccountId: account.id, actorId: account.personId });
      }
    }
    const reward = random.pick(['HONOUR_CERTIFICATE', 'SCENIC_SPOT_PASS', 'CANTEEN_MEALS', 'HEALTH_CHECK'] as const);
    if (account.balance >= REWARDS[reward].hours && random.chance(0.25)) {
      entry(account, 'REWARD', -REWARDS[reward].hours, at, { reward, actorId: account.personId });
    }
  });

  // 4. Each pool grants what it holds to a priority elder of its community.
  for (const pool of plan.accounts.filter((a) => a.poolRegionCode !== null)) {
    const elder = plan.elders.find((e) => e.regionCode === pool.poolRegionCode && isPriorityElder(e.conditions));
    if (!elder || pool.balance <= 0) continue;
    const account = open(elder.personId, null, elder.regionCode);
    const hours = Math.min(pool.balance, fromCents(toCents(ACCOUNT_CAP) - toCents(account.balance)));
    if (hours <= 0) continue;
    const at = localInstant('2026-02-01', 10);
    entry(pool, 'DONATION_OUT', -hours, at, { counterpartAccountId: account.id });
    entry(account, 'DONATION_IN', hours, at, { counterpartAccountId: pool.id });
  }
}
