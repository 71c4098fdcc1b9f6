import type { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader, pageLoader, regionStatsLoader } from '@civic/shared';
import {
  ELDER_CARE_STATS_SQL,
  ELDERS_BY_CONDITION_SQL,
  REQUESTS_BY_CATEGORY_SQL,
  toElderCareStats,
  toEldersByCondition,
  toRequestsByCategory,
} from './repositories/regionStats';
import { elderRepository } from './repositories/elders';
import { requestRepository } from './repositories/requests';
import { teamRepository } from './repositories/teams';
import { accountRepository } from './repositories/accounts';
import { callDeviceRepository, EMERGENCY_STATS_SQL, emergencyRepository, toEmergencyStats } from './repositories/emergencies';

/** Fresh per request, so one request's cache never serves another caller. */
export function createLoaders(db: DataSource) {
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
