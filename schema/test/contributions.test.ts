import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '../src/composition';
import { nonNullContributions } from '../src/ownership';
import { subgraphSources } from '../src/subgraphSources';

const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
const order = subgraphSources().map((s) => s.name);

describe("fields one subgraph adds to another subgraph's entity", () => {
  it('when the supergraph is read, then every one of them is nullable', () => {
    expect(nonNullContributions(supergraph, order)).toEqual([]);
  });

  it('when one is non-null, then it is named with the subgraph that adds it and the owner', () => {
    const nonNull = supergraph
      .replace(/(\n\s*stationStats: StationStats)( @join__field\(graph: ASSESSMENTS\) @join__field\(graph: NEIGHBOUR_STATIONS\))/, '$1!$2')
      .replace(/(\n\s*certified: Int)( @join__field\(graph: ASSESSMENTS\))/, '$1!$2');
    expect(nonNull).not.toBe(supergraph);
    const problems = nonNullContributions(nonNull, order);
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^Region\.stationStats is added by assessments, neighbour-stations to Region, which directory owns, and must be nullable \(StationStats, not StationStats!\)/,
      ),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^StationStats\.certified is added by assessments to StationStats, which neighbour-stations owns/));
  });

  it("when the owner's own fields are non-null, then they are not contributions", () => {
    // Region.name (directory) and Station.name (neighbour-stations) stay non-null.
    expect(supergraph).toMatch(/\n\s*name: String! @join__field\(graph: DIRECTORY\)/);
    expect(nonNullContributions(supergraph, order).join('\n')).not.toMatch(/\.name /);
  });
});
