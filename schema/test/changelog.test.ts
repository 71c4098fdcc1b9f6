import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Change } from '@graphql-inspector/core';
import { CHANGELOG_FILE, historicBreaks, unreleasedSection, unrecorded } from '../src/changelog';
import { checkComposition } from '../src/check';
import { API_FILE } from '../src/composition';
import { subgraphSources } from '../src/subgraphSources';

/**
 * Every schema break is told to its users in CHANGELOG.md: the history's breaks are
 * each named there, and compose --accept-breaking refuses one the Unreleased section
 * does not name.
 */
describe('CHANGELOG.md', () => {
  const changelog = readFileSync(CHANGELOG_FILE, 'utf8');

  it('when the history of schema/api.graphql is walked commit by commit, then every breaking change in it is named in CHANGELOG.md', async () => {
    const breaks = await historicBreaks();
    const untold = unrecorded(
      breaks.map((b) => b.change),
      changelog,
    );
    expect(untold.map((c) => `${c.message} (${breaks.find((b) => b.change === c)?.commit})`)).toEqual([]);
  }, 120_000);

  it('when a section names a type and its fields in backticks, or the whole path, then those changes are recorded and others are not', () => {
    const change = (path: string) => ({ path, message: path }) as Change;
    const section = unreleasedSection(
      `# Changelog\n\n## [Unreleased]\n\n### Breaking\n\n- \`ElderCareStats.elders\`, \`openRequests\` are nullable; Region.elderCare too.\n\n## [1.0.0] - 2027-01-15\n\n- \`ElderCareStats.completedServices\`\n`,
    );
    const result = unrecorded(
      [change('ElderCareStats.elders'), change('ElderCareStats.openRequests'), change('Region.elderCare'), change('ElderCareStats.completedServices')],
      section,
    );
    expect(result.map((c) => c.path)).toEqual(['ElderCareStats.completedServices']);
  });

  describe('npm run compose -- --accept-breaking', () => {
    // The directory's Person.name made nullable: a deliberate break of the public API.
    const sources = () =>
      subgraphSources().map((source) => {
        if (source.name !== 'directory') return source;
        const sdl = readFileSync(source.sdlFile, 'utf8');
        const changed = sdl.replace(/(type Person @key\(fields: "id"\) \{[\s\S]*?\n {2}name: )String!/, '$1String');
        expect(changed).not.toEqual(sdl);
        const sdlFile = path.join(mkdtempSync(path.join(tmpdir(), 'civic-changelog-')), 'directory.graphql');
        writeFileSync(sdlFile, changed);
        return { ...source, sdlFile };
      });
    const previousApi = readFileSync(API_FILE, 'utf8');

    it('when an accepted break is not in the Unreleased section, then compose refuses and names the field', async () => {
      const result = await checkComposition(sources(), { acceptBreaking: true, previousApi, changelog });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reasons.join('\n')).toMatch(/CHANGELOG\.md[\s\S]*Person\.name/);
    });

    it('when the Unreleased section names it, then compose accepts the break', async () => {
      const told = changelog.replace('### Breaking\n', '### Breaking\n\n- `Person.name` is nullable: a person erased keeps no name.\n');
      const result = await checkComposition(sources(), { acceptBreaking: true, previousApi, changelog: told });
      expect(result.ok).toBe(true);
    });
  });
});
