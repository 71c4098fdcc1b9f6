import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normalizeOperation, operationId } from '@civic/shared';
import { API_FILE, compose } from '../src/composition';
import { buildSafelist, operationFolders, printSafelist, SAFELIST_FILE } from '../src/safelist';
import { subgraphSources } from '../src/subgraphSources';

const API = readFileSync(API_FILE, 'utf8');

describe('the operation safelist (schema/safelist.json)', () => {
  it('when built afresh from the registered operation files, then schema/safelist.json is up to date (run `npm run compose`)', () => {
    const fresh = compose(subgraphSources());
    if (!fresh.ok) throw new Error('composition failed');
    expect(readFileSync(SAFELIST_FILE, 'utf8')).toBe(printSafelist(buildSafelist(fresh.apiSdl)));
  });

  it("when built, then it holds the dashboards', the subgraphs' clients' and each subgraph's own questions, each id the sha256 of its normalized body", () => {
    const { operations } = buildSafelist(API);
    const by = (name: string) => operations.find((o) => o.name === name);
    expect(by('DistrictDashboard')).toMatchObject({ clientName: 'dashboards', type: 'query', source: 'schema/operations/DistrictDashboard.graphql' });
    expect(by('SubmitAssessment')).toMatchObject({ clientName: 'assessments', type: 'mutation' });
    expect(by('SubmitAssessment')).not.toHaveProperty('serviceOnly');
    expect(by('AssessedStation')).toMatchObject({
      serviceOnly: true,
      caller: 'assessments',
      source: 'subgraphs/assessments/service-operations/AssessedStation.graphql',
    });
    expect(by('PersonOnRecord')).toMatchObject({ serviceOnly: true, clientName: 'graph services' });
    expect(by('PersonOnRecord')).not.toHaveProperty('caller');
    for (const operation of operations) {
      expect(operation.body).toBe(normalizeOperation(operation.body));
      expect(operation.id).toBe(operationId(operation.body));
    }
    // The layout does not matter: a file's text and its normalized body have one id.
    const file = readFileSync(path.join(__dirname, '..', 'operations', 'RegionTree.graphql'), 'utf8');
    expect(operationId(normalizeOperation(file))).toBe(by('RegionTree')!.id);
  });

  it('when a registered file is invalid, misnamed, holds two operations or repeats another, then the safelist is refused naming each', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-safelist-'));
    mkdirSync(path.join(dir, 'ops'));
    mkdirSync(path.join(dir, 'more'));
    const write = (file: string, text: string, folder = 'ops') => writeFileSync(path.join(dir, folder, file), text);
    write('Good.graphql', 'query Good { region(code: "35") { name } }');
    write('Good.graphql', '# the same operation, registered by another client\nquery Good { region(code: "35") { name } }', 'more');
    write('Unknown.graphql', 'query Unknown { noSuchField }');
    write('Misnamed.graphql', 'query Other { region(code: "35") { code } }');
    write('Two.graphql', 'query Two { region(code: "35") { code } } query Three { region(code: "35") { name } }');
    write('Broken.graphql', 'query Broken {');
    const folders = [
      { dir: path.join(dir, 'ops'), clientName: 'a-partner' },
      { dir: path.join(dir, 'more'), clientName: 'another' },
    ];
    expect(() => buildSafelist(API, folders, dir)).toThrow(
      new RegExp(
        [
          'ops/Broken.graphql: Syntax Error',
          'ops/Misnamed.graphql: must hold',
          'ops/Two.graphql: must hold',
          'ops/Unknown.graphql: Cannot query field',
          'more/Good.graphql: registered already as ops/Good.graphql',
        ].join('[^]*'),
      ),
    );
    expect(
      buildSafelist(
        API,
        folders.slice(0, 1).map((f) => ({ ...f, dir: path.join(dir, 'more') })),
        dir,
      ).operations.map((o) => o.name),
    ).toEqual(['Good']);
  });

  it("when a partner registers a subgraph, then its folders are read: local ones by convention, a remote one's from its registry entry", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-safelist-'));
    const registry = path.join(dir, 'registry.json');
    writeFileSync(
      registry,
      JSON.stringify({
        subgraphs: [
          { name: 'food-banks', path: 'subgraphs/food-banks', port: 4107 },
          { name: 'meals', url: 'https://meals.example/graphql', schema: 'partners/meals.graphql', operations: 'partners/meals-operations' },
        ],
      }),
    );
    const folders = operationFolders(registry, dir).map((f) => ({ ...f, dir: path.relative(dir, f.dir) }));
    expect(folders).toEqual(
      expect.arrayContaining([
        { dir: 'subgraphs/food-banks/operations', clientName: 'food-banks' },
        { dir: 'subgraphs/food-banks/service-operations', clientName: 'food-banks', serviceOnly: true, caller: 'food-banks' },
        { dir: 'partners/meals-operations', clientName: 'meals' },
      ]),
    );
  });
});
