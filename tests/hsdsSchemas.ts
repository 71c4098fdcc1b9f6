import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The official HSDS 3.0 JSON Schemas (tests/fixtures/hsds, copied from Open
 * Referral's specification, see its README), loaded into ajv under the URLs the
 * specification's openapi.json refers to them by, so their relative `$ref`s
 * (`"$ref": "schedule.json"`) resolve as they do there.
 */
const FOLDER = path.join(__dirname, 'fixtures', 'hsds');
const BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

function load(): Ajv {
  // The schemas carry Frictionless Data keywords (`constraints`, `core`, `example` …) that JSON Schema ignores.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const folder of ['', 'compiled/']) {
    for (const file of readdirSync(path.join(FOLDER, folder)).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
      const schema = JSON.parse(readFileSync(path.join(FOLDER, folder, file), 'utf8'));
      ajv.addSchema({ ...schema, $id: `${BASE}${folder}${file}` });
    }
  }
  // openapi.json's Page schema, which every list answer is, with `contents` of the list's item schema.
  const openapi = JSON.parse(readFileSync(path.join(FOLDER, 'openapi.json'), 'utf8'));
  ajv.addSchema({ ...openapi.components.schemas.Page, $id: `${BASE}openapi.json#Page` });
  return ajv;
}

const ajv = load();

/** The schema openapi.json gives an endpoint's 200 answer: `services/{id}` → service.json, a list → Page of items. */
export function schemaOfPath(route: string): object {
  const openapi = JSON.parse(readFileSync(path.join(FOLDER, 'openapi.json'), 'utf8'));
  const schema = openapi.paths[route].get.responses['200'].content['application/json'].schema;
  return JSON.parse(
    JSON.stringify(schema)
      .replaceAll('#/components/schemas/Page', `${BASE}openapi.json#Page`)
      // The two full compiled schemas (2-3 MB each, not copied) are the modular ones inlined.
      .replaceAll(`${BASE}compiled/service.json`, `${BASE}service.json`)
      .replaceAll(`${BASE}compiled/organization.json`, `${BASE}organization.json`),
  );
}

/** The errors of `value` against the schema at `ref` (a URL under BASE, or an inline schema), or [] when it validates. */
export function hsdsErrors(schema: string | object, value: unknown): string[] {
  const validate = typeof schema === 'string' ? ajv.getSchema(`${BASE}${schema}`) : ajv.compile(schema);
  if (!validate) throw new Error(`no HSDS schema ${typeof schema === 'string' ? schema : JSON.stringify(schema)}`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
