import { readFileSync } from 'node:fs';
import { API_FILE, CONTRACT_FILE } from '../src/composition';
import { contractGaps, ownerOf, readOwnership } from '../src/contract';

const api = readFileSync(API_FILE, 'utf8');

/** The subgraphs whose part of the contract has landed; each issue adds its own. */
const MET = ['directory', 'elder-care', 'veteran-volunteers', 'neighbour-stations', 'assessments'];

describe('contract.graphql', () => {
  it.each(MET)("when the API is checked against the contract, then %s's part is met in full", async (owner) => {
    const gaps = (await contractGaps(api)).filter((gap) => gap.owner === owner);
    expect(gaps).toEqual([]);
  });

  it('when the API is checked, then every domain subgraph contributes its Region statistics', async () => {
    const statsTypes = ['ElderCareStats', 'VeteranStats', 'StationStats', 'AssessmentSummary'];
    const gaps = (await contractGaps(api)).filter((gap) => gap.path.startsWith('Region.') || statsTypes.includes(gap.path.split('.')[0]));
    expect(gaps).toEqual([]);
  });

  it('when a contract field is missing from the API, then the gap is reported against its owner', async () => {
    const withoutChildren = api.replace(/\n\s*"""The regions directly below this one, in code order\."""\n\s*children: \[Region!\]!/, '');
    expect(withoutChildren).not.toBe(api);
    const gaps = await contractGaps(withoutChildren);
    expect(gaps).toContainEqual(expect.objectContaining({ owner: 'directory', path: 'Region.children' }));
  });

  it('when ownership is read from the contract, then sections and "from" comments decide it', () => {
    const ownership = readOwnership(readFileSync(CONTRACT_FILE, 'utf8'));
    expect(ownerOf('Region.name', ownership)).toBe('directory');
    expect(ownerOf('Region.elderCare', ownership)).toBe('elder-care');
    expect(ownerOf('Station.certified', ownership)).toBe('assessments');
    expect(ownerOf('Query.stationsNear', ownership)).toBe('neighbour-stations');
    expect(ownerOf('ServiceRequestConnection', ownership)).toBe('elder-care');
  });
});
