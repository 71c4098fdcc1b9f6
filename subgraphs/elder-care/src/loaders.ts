import type { DataSource } from 'typeorm';
import {
  type Clock,
  groupedLoader,
  keyedLoader,
  monthlySeriesLoader,
  pageLoader,
  regionStatsLoader,
  rollupReads,
  rollupStatsLoader,
  type Identity,
} from '@civic/shared';
import {
  BREAKDOWN_FIGURES,
  HOURS_BY_MONTH,
  REQUESTS_COMPLETED_BY_MONTH,
  REQUESTS_PLACED_BY_MONTH,
  toEldersByCondition,
  toRequestsByCategory,
  type ElderCareStats,
} from './repositories/regionStats';
import { ELDER_CARE_FIELDS, ELDER_CARE_ROLLUP, ELDER_TABLE, EMERGENCY_TABLE, REQUEST_TABLE } from './repositories/rollup';
import { elderRepository } from './repositories/elders';
import { requestRepository } from './repositories/requests';
import { teamRepository } from './repositories/teams';
import { accountRepository } from './repositories/accounts';
import { callDeviceRepository, EMERGENCY_STATS_SQL, emergencyRepository, toEmergencyStats } from './repositories/emergencies';

/** Fresh per request, so one request's cache never serves another caller; `clock` ends the trends' months. */
export function createLoaders(db: DataSource, identity: Identity, clock?: Clock) {
  const elders = elderRepository(db);
  const requests = requestRepository(db);
  const teams = teamRepository(db);
  const accounts = accountRepository(db);
  const emergencies = emergencyRepository(db);
  const devices = callDeviceRepository(db);
  // The rows the counts are drawn from, for disclosure control: their region codes, read from the rollup once per request.
  const rollup = rollupReads(db, ELDER_CARE_ROLLUP);
  const inUse = (...tables: string[]) => rollup.regionsInUse(tables);
  const ELDER_REGIONS = inUse(ELDER_TABLE);
  const REQUEST_REGIONS = inUse(REQUEST_TABLE);
  const EMERGENCY_REGIONS = inUse(EMERGENCY_TABLE);
  const CARE_REGIONS = inUse(ELDER_TABLE, REQUEST_TABLE);
  // A breakdown's figures, read from the rollup in one statement per batch.
  const breakdown = (figures: readonly string[]) => async (codes: string[]) => {
    const sums = await rollup.read(codes, figures);
    return codes.map((code) => ({ code, sums: sums.get(code)! }));
  };
  return {
    // only the fields asked are read (askedFields in the resolver)
    regionStats: rollupStatsLoader<ElderCareStats>(db, rollup, ELDER_CARE_FIELDS, {
      identity,
      regionsInUse: CARE_REGIONS,
      shape: { counts: ['elders', 'openRequests', 'completedServices'] },
    }),
    eldersByCondition: regionStatsLoader(db, breakdown(BREAKDOWN_FIGURES.byCondition), toEldersByCondition, {
      identity,
      regionsInUse: ELDER_REGIONS,
      shape: { items: 'condition', counts: ['elders'] },
    }),
    // completions by category add up to completedServices: exact callers only
    requestsByCategory: regionStatsLoader(db, breakdown(BREAKDOWN_FIGURES.byCategory), toRequestsByCategory, {
      identity,
      regionsInUse: REQUEST_REGIONS,
      shape: { items: 'category', counts: ['requests'], exactOnly: ['completed'] },
    }),
    requestsPlacedByMonth: monthlySeriesLoader(db, REQUESTS_PLACED_BY_MONTH, clock, { identity, regionsInUse: REQUEST_REGIONS }),
    requestsCompletedByMonth: monthlySeriesLoader(db, REQUESTS_COMPLETED_BY_MONTH, clock, { identity, regionsInUse: REQUEST_REGIONS }),
    // hours are not a count: shown as they are, like hoursDeposited
    hoursByMonth: monthlySeriesLoader(db, HOURS_BY_MONTH, clock),
    elder: keyedLoader(elders.findByIds, (elder) => elder.id),
    elderCarers: groupedLoader(elders.carersOf, (carer) => carer.elderId),
    communityStation: keyedLoader(elders.stationsOf, (row) => row.regionCode),
    request: keyedLoader(requests.findByIds, (request) => request.id),
    requestSteps: groupedLoader(requests.stepsOf, (step) => step.requestId),
    team: keyedLoader(teams.findByIds, (team) => team.id),
    teamMembers: groupedLoader(teams.membersOf, (member) => member.teamId),
    account: keyedLoader(accounts.findByIds, (account) => account.id),
    accountOfPerson: keyedLoader(accounts.findByPersonIds, (account) => account.personId as string),
    pendingHours: keyedLoader(accounts.pendingOf, (row) => row.personId),
    accountEntries: pageLoader(accounts.entriesOfAccounts, (entry) => entry.accountId),
    accountEntryCount: keyedLoader(accounts.entryCounts, (row) => row.accountId),
    emergencyStats: regionStatsLoader(db, EMERGENCY_STATS_SQL, toEmergencyStats, {
      identity,
      regionsInUse: EMERGENCY_REGIONS,
      shape: { counts: ['raised', 'open', 'escalated'] },
    }),
    emergency: keyedLoader(emergencies.findByIds, (e) => e.id),
    emergencyOfRequest: keyedLoader(emergencies.ofRequests, (e) => e.requestId),
    callDevices: groupedLoader(devices.ofElders, (d) => d.elderId),
  };
}
export type ElderCareLoaders = ReturnType<typeof createLoaders>;
