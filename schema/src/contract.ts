import { readFileSync } from 'node:fs';
import { breakingChanges, CONTRACT_FILE } from './composition';

/**
 * What the composed API does not yet offer of schema/contract.graphql, each
 * gap attributed to the subgraph that owns or contributes it, so every issue can
 * show that its own part of the contract is met.
 */
export interface ContractGap {
  owner: string;
  path: string;
  message: string;
}

/** Root fields, and the types declared below the sections, by owner. */
const ROOT_OWNERS: Record<string, string> = {
  region: 'directory',
  person: 'directory',
  organizations: 'directory',
  elder: 'elder-care',
  elders: 'elder-care',
  serviceRequests: 'elder-care',
  requestService: 'elder-care',
  claimServiceRequest: 'elder-care',
  completeServiceRequest: 'elder-care',
  rateServiceRequest: 'elder-care',
  veteranTeam: 'veteran-volunteers',
  veteranTeams: 'veteran-volunteers',
  veterans: 'veteran-volunteers',
  station: 'neighbour-stations',
  stations: 'neighbour-stations',
  stationsNear: 'neighbour-stations',
  dutySlots: 'neighbour-stations',
  claimDutySlot: 'neighbour-stations',
  placeStationOrder: 'neighbour-stations',
  assessment: 'assessments',
  assessmentTemplates: 'assessments',
  submitAssessment: 'assessments',
};
const MUTATION_OWNERS = 'elder-care, neighbour-stations, assessments (the first mutation)';
const TYPE_PREFIX_OWNERS: [RegExp, string][] = [
  [/^(Elder|ServiceRequest)(Connection|Edge)$/, 'elder-care'],
  [/^Station(Connection|Edge)$/, 'neighbour-stations'],
  [/^Organization(Connection|Edge)$/, 'directory'],
  [/^(VeteranTeam|Veteran)(Connection|Edge)$/, 'veteran-volunteers'],
  [/^PageInfo$/, 'directory'],
  [/^ItemScoreInput$/, 'assessments'],
  [/^(Date|DateTime)$/, 'directory'],
];

interface Ownership {
  types: Map<string, string>;
  /** "Type.field" → owner, from the contract's `# from <subgraph>` comments */
  fields: Map<string, string>;
}

/** Reads ownership from the contract's `# ---- <subgraph>` sections and `# from <subgraph>` comments. */
export function readOwnership(contractSdl: string): Ownership {
  const types = new Map<string, string>();
  const fields = new Map<string, string>();
  let section: string | null = null;
  let currentType: string | null = null;
  for (const line of contractSdl.split('\n')) {
    const header = /^#\s*-{4,}\s*([\w-]+)/.exec(line);
    if (header) section = header[1] === 'entry' ? null : header[1];
    const typeDecl = /^(?:type|enum|union|input|scalar)\s+(\w+)/.exec(line);
    if (typeDecl) {
      currentType = typeDecl[1];
      if (section) types.set(currentType, section);
    }
    const field = /^\s+(\w+)\s*[(:].*#\s*from\s+([\w-]+)/.exec(line);
    if (field && currentType) fields.set(`${currentType}.${field[1]}`, field[2]);
  }
  return { types, fields };
}

export function ownerOf(path: string, ownership: Ownership): string {
  const [type, field] = path.split('.');
  if (field && ownership.fields.has(`${type}.${field}`)) return ownership.fields.get(`${type}.${field}`) as string;
  if ((type === 'Query' || type === 'Mutation') && field) return ROOT_OWNERS[field] ?? 'unowned';
  // The Mutation type itself arrives with the first subgraph that adds a mutation.
  if (type === 'Mutation' || type === '') return MUTATION_OWNERS;
  if (ownership.types.has(type)) return ownership.types.get(type) as string;
  return TYPE_PREFIX_OWNERS.find(([pattern]) => pattern.test(type))?.[1] ?? 'unowned';
}

export async function contractGaps(apiSdl: string, contractSdl = readFileSync(CONTRACT_FILE, 'utf8')): Promise<ContractGap[]> {
  const ownership = readOwnership(contractSdl);
  const missing = await breakingChanges(contractSdl, apiSdl);
  return missing.map((change) => {
    const path = change.path ?? '';
    return { owner: ownerOf(path, ownership), path, message: change.message.replace(/ was removed/, ' is missing') };
  });
}
