import type { DataSource } from 'typeorm';
import { type Clock, groupedLoader, keyedLoader, monthlySeriesLoader, pageLoader, regionStatsLoader } from '@civic/shared';
import {
  ELDER_CARE_STATS_SQL,
  ELDERS_BY_CONDITION_SQL,
  HOURS_BY_MONTH,
  REQUESTS_BY_CATEGORY_SQL,
  REQUESTS_COMPLETED_BY_MONTH,
  REQUESTS_PLACED_BY_MONTH,
  toElderCareStats,
  toEldersByCondition,
  toRequestsByCategory,
} from './repositories/regionStats';
import { elderRepository } from './repositories/elders';
import { requestRepository } from './repositories/requests';
import { teamRepository } from './repositories/teams';
import { accountRepository } from './repositories/accounts';
import { callDeviceRepository, EMERGENCY_STATS_SQL, emergencyRepository, toEmergencyStats } from './repositories/emergencies';

/** Fresh per request, so one request's cache never serves another caller; `clock` ends the trends' months. */
export function createLoaders(db: DataSource, clock?: Clock) {
  const elders = elderRepository(db);
  const requests = requestRepository(db);
  const teams = teamRepository(db);
  const accounts = accountRepository(db);
  const emergencies = emergencyRepository(db);
  const devices = callDeviceRepository(db);
  return {
    regionStats: regionStatsLoader(db, ELDER_CARE_STATS_SQL, toElderCareStats),
    eldersByCondition: regionStatsLoader(db, ELDERS_BY_CONDITION_SQL, toEldersByCondition),
    requestsByCategory: regionStatsLoader(db, REQUESTS_BY_CATEGORY_SQL, toRequestsByCategory),
    requestsPlacedByMonth: monthlySeriesLoader(db, REQUESTS_PLACED_BY_MONTH, clock),
    requestsCompletedByMonth: monthlySeriesLoader(db, REQUESTS_COMPLETED_BY_MONTH, clock),
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
    emergencyStats: regionStatsLoader(db, EMERGENCY_STATS_SQL, toEmergencyStats),
    emergency: keyedLoader(emergencies.findByIds, (e) => e.id),
    emergencyOfRequest: keyedLoader(emergencies.ofRequests, (e) => e.requestId),
    callDevices: groupedLoader(devices.ofElders, (d) => d.elderId),
  };
}
export type ElderCareLoaders = ReturnType<typeof createLoaders>;
