import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { API_FILE, breakingChanges, compose, describeChanges, SUPERGRAPH_FILE } from '../src/composition';
import { subgraphSources } from '../src/subgraphSources';

const fresh = compose(subgraphSources());

describe('composition', () => {
  it('when the subgraphs are composed, then composition succeeds', () => {
    if (!fresh.ok) throw new Error(`composition failed:\n${fresh.errors.join('\n')}`);
  });

  it('when composed afresh, then schema/supergraph.graphql is up to date (run `npm run compose`)', () => {
    if (!fresh.ok) throw new Error('composition failed');
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8').trimEnd()).toBe(fresh.supergraphSdl.trimEnd());
  });

  it('when composed afresh, then the public API breaks nothing in schema/api.graphql', async () => {
    if (!fresh.ok) throw new Error('composition failed');
    const breaking = await breakingChanges(readFileSync(API_FILE, 'utf8'), fresh.apiSdl);
    if (breaking.length) {
      throw new Error(`the public API has breaking changes:\n${describeChanges(breaking)}\n` + 'If deliberate: npm run compose -- --accept-breaking');
    }
  });

  it('when composed afresh, then schema/api.graphql is up to date (run `npm run compose`)', () => {
    if (!fresh.ok) throw new Error('composition failed');
    expect(readFileSync(API_FILE, 'utf8')).toBe(fresh.apiSdl);
  });

  describe('the checks themselves', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-compose-'));
    const withDirectorySdl = (edit: (sdl: string) => string) =>
      subgraphSources().map((source) => {
        if (source.name !== 'directory') return source;
        const sdlFile = path.join(dir, `${Math.random()}.graphql`);
        writeFileSync(sdlFile, edit(readFileSync(source.sdlFile, 'utf8')));
        return { ...source, sdlFile };
      });

    it('when a subgraph drops a public field, then the diff reports it as breaking', async () => {
      const edited = compose(withDirectorySdl((sdl) => sdl.replace(/\n\s*"The official name, e\.g\. 马尾区\."\n\s*name: String!/, '')));
      if (!edited.ok || !fresh.ok) throw new Error('composition failed');
      const breaking = await breakingChanges(fresh.apiSdl, edited.apiSdl);
      expect(breaking.map((c) => c.path)).toEqual(['Region.name']);
    });

    it('when two subgraphs disagree on a shared type, then composition fails and says why', () => {
      const edited = compose(
        withDirectorySdl((sdl) =>
          sdl.replace(
            'type Region @key(fields: "code") @cacheControl(maxAge: 300) {\n  "The official statistical division code, e.g. 350105 for 马尾区."\n  code: ID!',
            'type Region @key(fields: "code") @cacheControl(maxAge: 300) {\n  code: Int!',
          ),
        ),
      );
      expect(edited.ok).toBe(false);
      if (!edited.ok) expect(edited.errors.join('\n')).toMatch(/Region\.code/);
    });
  });
});
