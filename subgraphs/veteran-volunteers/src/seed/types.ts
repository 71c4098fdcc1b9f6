import type { TeamRow } from '../repositories/teams';

/** The rows a seed plans, table by table, before any of them is written. */
export type SeedTeam = TeamRow;

export interface SeedPlan {
  servicePoints: { id: string; name: string; kind: 'CENTRE' | 'STATION'; regionCode: string; pilot: boolean }[];
  veterans: { id: string; personId: string; regionCode: string; serviceYears: number; dischargeYear: number; partyMember: boolean; skills: string[] }[];
  teams: SeedTeam[];
  memberships: { teamId: string; veteranId: string; joinedAt: Date; leftAt: Date | null }[];
  activities: {
    id: string;
    teamId: string;
    regionCode: string;
    title: string;
    kind: string;
    startsAt: Date;
    endsAt: Date;
    place: string;
    partnerOrganizationId: string | null;
  }[];
  attendance: { activityId: string; veteranId: string; hours: number }[];
  checkpoints: { id: string; name: string; regionCode: string; teamId: string; staffedFrom: string; staffedUntil: string }[];
  /** a worked shift: checked in and out by QR code, `by` the veteran's person id (the demo's 2020 shifts predate check-ins) */
  shifts: { checkpointId: string; veteranId: string; startsAt: Date; endsAt: Date; checkedInAt?: Date; checkedOutAt?: Date; by?: string }[];
  stories: { id: string; title: string; narrator: string; text: string; tags: string[]; regionCode: string; collectedOn: string }[];
  halls: { id: string; name: string; regionCode: string; openedOn: string }[];
  visits: { hallId: string; regionCode: string; visitedOn: string; kind: string; visitorGroup: string; title: string | null; visitors: number }[];
  /** figures of seed 003 the directory's people could not fill, said rather than invented */
  shortfalls: string[];
}

export const emptyPlan = (): SeedPlan => ({
  servicePoints: [],
  veterans: [],
  teams: [],
  memberships: [],
  activities: [],
  attendance: [],
  checkpoints: [],
  shifts: [],
  stories: [],
  halls: [],
  visits: [],
  shortfalls: [],
});
