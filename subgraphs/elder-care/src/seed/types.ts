import type {
  AccountKind,
  ActingAs,
  ElderCondition,
  HoursStatus,
  ServiceCategory,
  ServiceMode,
  ServiceRequestStatus,
  TeamKind,
  TransferKind,
} from '../domain/vocabulary';

/** The rows a seed plans, table by table, before any is written. */
export interface ElderCareSeedPlan {
  pilots: { regionCode: string; stationId: string | null }[];
  elders: {
    id: string;
    personId: string;
    regionCode: string;
    conditions: ElderCondition[];
    careNeeds: ServiceCategory[];
    careNote: string | null;
    contactId: string | null;
    contactRelationship: string | null;
  }[];
  carers: { elderId: string; personId: string; relationship: string }[];
  teams: { id: string; name: string; kind: TeamKind; regionCode: string; organizationId: string | null }[];
  members: { teamId: string; personId: string }[];
  requests: {
    id: string;
    elderId: string;
    regionCode: string;
    category: ServiceCategory;
    mode: ServiceMode;
    status: ServiceRequestStatus;
    volunteerId: string | null;
    teamId: string | null;
    hours: number | null;
    hoursStatus: HoursStatus | null;
    completedAt: Date | null;
    rating: number | null;
    note: string | null;
    requestedBy: string;
    createdAt: Date;
    updatedAt: Date;
  }[];
  steps: {
    requestId: string;
    status: ServiceRequestStatus;
    actorId: string | null;
    actingAs: ActingAs;
    at: Date;
    hoursStatus?: HoursStatus;
    hours?: number;
    note?: string;
  }[];
  /** balances as the plan replays them; the database computes its own from the transfers (accounts open at 0) */
  accounts: {
    id: string;
    kind: AccountKind;
    personId: string | null;
    poolRegionCode: string | null;
    regionCode: string;
    balance: number;
    totalDeposited: number;
  }[];
  /** double entry: hours out of the debit account into the credit account, in the order they happened */
  transfers: {
    kind: TransferKind;
    debitAccountId: string;
    creditAccountId: string;
    hours: number;
    requestId: string | null;
    beneficiaryId: string | null;
    category: ServiceCategory | null;
    reward: string | null;
    actorId: string | null;
    at: Date;
  }[];
  /** what the directory's people could not fill, said rather than invented */
  shortfalls: string[];
}
