import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { isLocal, readRegistry, REPO_ROOT } from '../graph/registry';
import { codegenConfig, GENERATED_FILE, generatedResolverTypes } from '../graph/codegen/config';

/**
 * The committed resolver types are what codegen makes of each subgraph's SDL now:
 * regenerated in memory (codegen's own API, as `npm run codegen` runs it) and
 * compared, so an SDL or mapper change without `npm run codegen` fails here.
 */
describe('generated resolver types', () => {
  let generated: { file: string; content: string }[];
  beforeAll(async () => {
    generated = await generatedResolverTypes();
  }, 60_000);

  it('when the types are regenerated from every subgraph built here, then each committed file is the same (run npm run codegen if not)', () => {
    const subgraphs = readRegistry().filter(isLocal);
    expect(generated.map((g) => path.relative(REPO_ROOT, g.file)).sort()).toEqual(subgraphs.map((s) => path.join(s.path, GENERATED_FILE)).sort());
    const stale = generated.filter((g) => !existsSync(g.file) || readFileSync(g.file, 'utf8') !== g.content).map((g) => path.relative(REPO_ROOT, g.file));
    expect(stale).toEqual([]);
  });

  it('when an SDL gains a field, then its regenerated types differ from the committed ones', async () => {
    const [subgraph] = readRegistry().filter(isLocal);
    const [target] = Object.keys(codegenConfig(REPO_ROOT, [subgraph.name]).generates);
    const sdl = readFileSync(path.join(REPO_ROOT, subgraph.path, 'schema.graphql'), 'utf8');
    const changed = `${sdl}\nextend type Query {\n  "A field added by the test."\n  codegenProbe: Int\n}\n`;
    const [file] = await generatedResolverTypes(REPO_ROOT, [subgraph.name], { [target]: changed });
    expect(file.content).toContain('codegenProbe');
    expect(file.content).not.toEqual(readFileSync(target, 'utf8'));
  }, 60_000);

  it("when a subgraph's codegen.json maps a type its SDL lacks, then the config is refused by name", () => {
    expect(() => codegenConfig(path.join(__dirname, 'fixtures', 'codegen', 'bad-mapper'))).toThrow(/maps types its SDL does not have: NoSuchType/);
  });
});
