import type { DataSource } from 'typeorm';
import { type Clock, groupedLoader, keyedLoader, monthlySeriesLoader, pageLoader, regionCodesInUse, regionStatsLoader, type Identity } from '@civic/shared';
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

// The rows the counts are drawn from, for disclosure control (regionStatsLoader).
const ELDER_REGIONS = regionCodesInUse('elderRegionsInUse', ['elder_care.elder']);
const REQUEST_REGIONS = regionCodesInUse('requestRegionsInUse', ['elder_care.service_request']);
const EMERGENCY_REGIONS = regionCodesInUse('emergencyRegionsInUse', ['elder_care.emergency']);
const CARE_REGIONS = regionCodesInUse('elderCareRegionsInUse', ['elder_care.elder', 'elder_care.service_request']);

/** Fresh per request, so one request's cache never serves another caller; `clock` ends the trends' months. */
export function createLoaders(db: DataSource, identity: Identity, clock?: Clock) {
  const elders = elderRepository(db);
  const requests = requestRepository(db);
  const teams = teamRepository(db);
  const accounts = accountRepository(db);
  const emergencies = emergencyRepository(db);
  const devices = callDeviceRepository(db);
  return {
    regionStats: regionStatsLoader(db, ELDER_CARE_STATS_SQL, toElderCareStats, {
      identity,
      regionsInUse: CARE_REGIONS,
      shape: { counts: ['elders', 'openRequests', 'completedServices'] },
    }),
    eldersByCondition: regionStatsLoader(db, ELDERS_BY_CONDITION_SQL, toEldersByCondition, {
      identity,
      regionsInUse: ELDER_REGIONS,
      shape: { items: 'condition', counts: ['elders'] },
    }),
    // completions by category add up to completedServices: exact callers only
    requestsByCategory: regionStatsLoader(db, REQUESTS_BY_CATEGORY_SQL, toRequestsByCategory, {
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
