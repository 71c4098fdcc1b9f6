import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type { Identity } from '@civic/shared';

/** Callers, as the gateway's signed identity carries them. */
export const officer = (region: string, sub: string = randomUUID()): Identity => ({ sub, roles: ['DISTRICT_OFFICER'], region });
export const cityAdmin = (): Identity => ({ sub: randomUUID(), roles: ['CITY_ADMIN'], region: null });
export const analyst = (): Identity => ({ sub: randomUUID(), roles: ['ANALYST'], region: null });
export const volunteer = (): Identity => ({ sub: randomUUID(), roles: ['VOLUNTEER'], region: '350504' });
export const anonymous: Identity = { sub: null, roles: [], region: null };

export type SubjectField = 'station' | 'veteranTeam' | 'organization' | 'region';

/**
 * A stand-in for the gateway: answers the subject queries this subgraph sends, from
 * what a test registers, and counts them. `down` makes it answer 503.
 */
export async function startFakeGateway() {
  const subjects = new Map<string, { regionCode: string | null }>();
  const asked: { field: SubjectField; id: string }[] = [];
  let down = false;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (down) {
        res.writeHead(503).end();
        return;
      }
      const { query, variables } = JSON.parse(raw);
      const field = /\{\s*(station|veteranTeam|organization|region)\(/.exec(query)?.[1] as SubjectField;
      asked.push({ field, id: variables.id });
      const found = subjects.get(`${field}:${variables.id}`);
      const value = !found
        ? null
        : field === 'region'
          ? { code: variables.id }
          : { id: variables.id, region: found.regionCode ? { code: found.regionCode } : null };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { [field]: value } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    asked,
    /** registers a subject the owning subgraph would know; returns its id */
    add(field: SubjectField, regionCode: string | null, id: string = field === 'region' ? (regionCode as string) : randomUUID()) {
      subjects.set(`${field}:${id}`, { regionCode });
      return id;
    },
    setDown: (value: boolean) => {
      down = value;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type FakeGateway = Awaited<ReturnType<typeof startFakeGateway>>;

export interface Form {
  id: string;
  items: { id: string; name: string; maxScore: number; weight: number }[];
}

/** The current version of a seeded form, with its items in order. */
export async function form(db: DataSource, code: string): Promise<Form> {
  const [template] = await db.query(`SELECT t.id FROM assessments.template t WHERE t.code = $1 ORDER BY t.version DESC LIMIT 1`, [code]);
  const items = await db.query(
    `SELECT id, name, max_score::float8 AS "maxScore", weight::float8 AS weight FROM assessments.template_item WHERE template_id = $1 ORDER BY position`,
    [template.id],
  );
  return { id: template.id, items };
}

/** Every item scored at a share of its maximum (rounded to halves), with evidence. */
export const scoresAt = (f: Form, share: number) =>
  f.items.map((item) => ({ itemId: item.id, score: Math.round(item.maxScore * share * 2) / 2, evidence: `现场查看：${item.name}` }));

export const expectedTotal = (f: Form, scores: { itemId: string; score: number }[]) =>
  Math.round(scores.reduce((sum, s) => sum + s.score * (f.items.find((i) => i.id === s.itemId) as Form['items'][number]).weight, 0) * 100) / 100;

export const count = async (db: DataSource, table: string) => (await db.query(`SELECT count(*)::int AS n FROM assessments.${table}`))[0].n as number;

/** Rows of every table this subgraph writes, to show that a refusal stored nothing. */
export const footprint = async (db: DataSource) => ({
  assessments: await count(db, 'assessment'),
  scores: await count(db, 'assessment_score'),
  corrections: await count(db, 'assessment_correction'),
  certifications: await count(db, 'certification'),
  templates: await count(db, 'template'),
});

export const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;

export const ASSESSMENT = `id status kind period totalScore grade passed bonusPoints subjectType
  region { code } assessor { id } template { id code version }
  subject { __typename ... on Station { id } ... on Region { code } ... on VeteranTeam { id } ... on Organization { id } }
  scores { item { id name } score evidence originalScore corrected }
  corrections { item { id } previousScore score evidence reason correctedBy { id } }`;

export const SUBMIT = `mutation ($t: ID!, $type: AssessmentSubjectType!, $s: ID!, $kind: AssessmentKind!, $scores: [ItemScoreInput!]!, $period: String, $key: String) {
  submitAssessment(templateId: $t, subjectType: $type, subjectId: $s, kind: $kind, scores: $scores, period: $period, idempotencyKey: $key) { ${ASSESSMENT} } }`;
export const DRAFT = `mutation ($t: ID!, $type: AssessmentSubjectType!, $s: ID!, $kind: AssessmentKind!, $scores: [ItemScoreInput!]!) {
  draftAssessment(templateId: $t, subjectType: $type, subjectId: $s, kind: $kind, scores: $scores) { ${ASSESSMENT} } }`;
export const FINALIZE = `mutation ($id: ID!) { finalizeAssessment(id: $id) { ${ASSESSMENT} } }`;
