import { defineRollup, type RollupFigure, type RollupFields } from '@civic/shared';
import { ELDER_CONDITIONS, SERVICE_CATEGORIES } from '../domain/vocabulary';

const REQUEST = 'elder_care.service_request';
const TRANSFER = 'elder_care.time_bank_transfer';
const DONE = `src.status IN ('COMPLETED', 'RATED')`;
// A transfer counts in its account's region (kept from the day it was opened), for people's and pools' accounts.
const account = (side: 'credit' | 'debit') => ({ table: 'elder_care.time_bank_account', alias: 'ac', on: `ac.id = src.${side}_account_id` });
const HOLDERS = `ac.kind IN ('PERSON', 'POOL')`;

/**
 * Elder care's public region figures as running sums (@civic/shared rollup/),
 * the same figures ELDER_CARE_STATS_SQL and the breakdowns computed from the
 * tables on every request (kept in test/rollupOracle.sql.ts as the tests' oracle).
 * Sums are numeric, exact, until read. Not here, computed as before: the monthly
 * series (they depend on the current month) and EmergencyStats (its median
 * minutes to acknowledge is not a sum; its counts come in the same statement).
 */
const FIGURES: RollupFigure[] = [
  { name: 'elders', table: 'elder_care.elder' },
  { name: 'openRequests', table: REQUEST, where: `src.status = 'OPEN'` },
  { name: 'completedServices', table: REQUEST, where: DONE },
  { name: 'hoursPending', table: REQUEST, value: 'src.hours', where: `src.hours_status IN ('PENDING', 'DISPUTED')` },
  // deposits by their request's region
  {
    name: 'hoursDeposited',
    table: TRANSFER,
    value: 'src.hours',
    where: `src.kind = 'DEPOSIT'`,
    join: { table: REQUEST, alias: 'sr', on: 'sr.id = src.request_id' },
    region: 'sr.region_code',
  },
  // a balance is its account's credits less its debits (the ledger's rule), so the balances of a region are kept from the transfers
  { name: 'hoursOutstanding', table: TRANSFER, value: 'src.hours', where: HOLDERS, join: account('credit'), region: 'ac.region_code' },
  { name: 'hoursOutstanding', table: TRANSFER, value: '-src.hours', where: HOLDERS, join: account('debit'), region: 'ac.region_code' },
  {
    name: 'openingHours',
    table: TRANSFER,
    value: 'src.hours',
    where: `src.kind = 'OPENING_BALANCE' AND ${HOLDERS}`,
    join: account('credit'),
    region: 'ac.region_code',
  },
  {
    name: 'hoursRedeemed',
    table: TRANSFER,
    value: 'src.hours',
    where: `src.kind IN ('REDEMPTION', 'REWARD') AND ${HOLDERS}`,
    join: account('debit'),
    region: 'ac.region_code',
  },
  ...ELDER_CONDITIONS.map((condition) => ({
    name: `eldersWith:${condition}`,
    table: 'elder_care.elder',
    where: `src.conditions @> ARRAY['${condition}']::text[]`,
  })),
  ...SERVICE_CATEGORIES.flatMap((category) => [
    { name: `requests:${category}`, table: REQUEST, where: `src.category = '${category}'` },
    { name: `completed:${category}`, table: REQUEST, where: `src.category = '${category}' AND ${DONE}` },
  ]),
];

/** Disclosure control weighs the region codes of these tables' rows (regionsInUse). */
export const ELDER_TABLE = 'elder_care.elder';
export const REQUEST_TABLE = REQUEST;
export const EMERGENCY_TABLE = 'elder_care.emergency';

export const ELDER_CARE_ROLLUP = defineRollup('elder_care', FIGURES, [ELDER_TABLE, REQUEST_TABLE, EMERGENCY_TABLE]);

/** ElderCareStats' headline fields: each the figure of its name. */
export const ELDER_CARE_FIELDS: RollupFields = Object.fromEntries(
  ['elders', 'openRequests', 'completedServices', 'hoursDeposited', 'openingHours', 'hoursOutstanding', 'hoursRedeemed', 'hoursPending'].map((f) => [f, f]),
);
