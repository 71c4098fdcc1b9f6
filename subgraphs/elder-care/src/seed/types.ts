import type { ActingAs, ElderCondition, ServiceCategory, ServiceMode, ServiceRequestStatus, TeamKind, TimeBankEntryKind } from '../domain/vocabulary';

/** The rows a seed plans, table by table, before any is written. */
export interface ElderCareSeedPlan {
  pilots: { regionCode: string; stationId: string | null }[];
  elders: {
    id: string; personId: string; regionCode: string; conditions: ElderCondition[]; careNeeds: ServiceCategory[];
    careNote: string | null; contactId: string | null; contactRelationship: string | null;
  }[];
  carers: { elderId: string; personId: string; relationship: string }[];
  teams: { id: string; name: string; kind: TeamKind; regionCode: string; organizationId: string | null }[];
  members: { teamId: string; personId: string }[];
  requests: {
    id: string; elderId: string; regionCode: string; category: ServiceCategory; mode: ServiceMode; status: ServiceRequestStatus;
    volunteerId: string | null; teamId: string | null; hours: number | null; rating: number | null; note: string | null;
    requestedBy: string; createdAt: Date; updatedAt: Date;
  }[];
  steps: { requestId: string; status: ServiceRequestStatus; actorId: string | null; actingAs: ActingAs; at: Date }[];
  accounts: { id: string; personId: string | null; poolRegionCode: string | null; regionCode: string; balance: number; totalDeposited: number }[];
  entries: {
    accountId: string; kind: TimeBankEntryKind; hours: number; requestId: string | null; counterpartAccountId: string | null;
    beneficiaryId: string | null; category: ServiceCategory | null; reward: string | null; actorId: string | null; at: Date;
  }[];
  /** what the directory's people could not fill, said rather than invented */
  shortfalls: string[];
}
