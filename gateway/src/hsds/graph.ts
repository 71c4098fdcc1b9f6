import type { AskGraph } from '../openData/askGraph';
import { walk } from '../openData/walk';

/** The public fields of a region the addresses are made of. */
export interface RegionFacts {
  code: string;
  name: string;
  ancestors: { code: string; name: string; level: string }[];
}

export interface StationFacts {
  id: string;
  name: string;
  kind: string;
  status: 'OPEN' | 'CLOSED';
  address: string;
  latitude: number;
  longitude: number;
  coverageRadiusMeters: number;
  peopleCovered: number;
  openingHours: string;
  openingSchedule: { weekday: number; periods: { opens: string; closes: string }[] }[];
  dutyRule: { openWeekdays: number[] };
  helps: string[];
  amenities: string[];
  operator: { id: string; name: string } | null;
  region: RegionFacts;
}

export interface CanteenFacts {
  id: string;
  name: string;
  status: 'OPEN' | 'CLOSED';
  address: string;
  servingHours: string;
  seats: number;
  mealPrice: number;
  operator: { id: string; name: string } | null;
  region: RegionFacts;
}

export interface OrganizationFacts {
  id: string;
  name: string;
  kind: string;
  creditCode: string | null;
  grade: string | null;
  endedOn: string | null;
  region: { code: string; name: string } | null;
}

const REGION = 'region { code name ancestors { code name level } }';
const STATION = `id name kind status address latitude longitude coverageRadiusMeters peopleCovered openingHours
  openingSchedule { weekday periods { opens closes } } dutyRule { openWeekdays } helps amenities operator { id name } ${REGION}`;
const CANTEEN = `id name status address servingHours seats mealPrice operator { id name } ${REGION}`;
const ORGANIZATION = 'id name kind creditCode grade endedOn region { code name }';

/** Fujian, the graph's province: every public list is read from its top. */
const PROVINCE = '35';
/** Region.canteens answers at most 100: the province's canteens are read in one call. */
const CANTEENS_AT_MOST = 100;

/** The public records HSDS is made of, each read through the graph as an anonymous caller. */
export function hsdsGraph(ask: AskGraph) {
  return {
    stations: async () =>
      (
        await walk<StationFacts>(
          ask,
          `query HsdsStations($first: Int, $after: String) { stations(first: $first, after: $after) {
            totalCount pageInfo { endCursor hasNextPage } edges { node { ${STATION} } } } }`,
          {},
          (data) => data.stations,
        )
      ).nodes,

    canteens: async (): Promise<CanteenFacts[]> =>
      (
        await ask(`query HsdsCanteens($code: ID!, $first: Int) { region(code: $code) { canteens(first: $first) { ${CANTEEN} } } }`, {
          code: PROVINCE,
          first: CANTEENS_AT_MOST,
        })
      ).region?.canteens ?? [],

    /** A station or a canteen by id (HSDS services are keyed by the graph's own ids). */
    async serviceById(id: string): Promise<{ station: StationFacts | null; canteen: CanteenFacts | null }> {
      return ask(`query HsdsService($id: ID!) { station(id: $id) { ${STATION} } canteen(id: $id) { ${CANTEEN} } }`, { id });
    },

    organizations: (until: number) =>
      walk<OrganizationFacts>(
        ask,
        `query HsdsOrganizations($first: Int, $after: String) { organizations(first: $first, after: $after) {
          totalCount pageInfo { endCursor hasNextPage } edges { node { ${ORGANIZATION} } } } }`,
        {},
        (data) => data.organizations,
        until,
      ),

    organization: async (id: string): Promise<OrganizationFacts | null> =>
      (await ask(`query HsdsOrganization($id: ID!) { organization(id: $id) { ${ORGANIZATION} } }`, { id })).organization,
  };
}

export type HsdsGraph = ReturnType<typeof hsdsGraph>;
