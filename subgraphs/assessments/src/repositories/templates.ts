import type { SubjectType } from '../domain/vocabulary';
import type { BonusRule, Grade } from '../domain/scoring';
import type { Sql } from '@civic/shared';

export interface TemplateRow {
  id: string;
  code: string;
  version: number;
  current: boolean;
  name: string;
  subjectType: SubjectType;
  certificationThreshold: number | null;
  grades: Grade[];
  bonusRules: BonusRule[];
  publishedAt: Date;
}

export interface TemplateItemRow {
  id: string;
  templateId: string;
  position: number;
  category: string;
  name: string;
  guidance: string;
  maxScore: number;
  weight: number;
}

export interface NewTemplate {
  code: string;
  name: string;
  subjectType: SubjectType;
  certificationThreshold: number | null;
  grades: Grade[];
  bonusRules: BonusRule[];
  items: { category: string; name: string; guidance: string; maxScore: number; weight: number }[];
}

const TEMPLATE_COLUMNS = `t.id, t.code, t.version, t.name, t.subject_type AS "subjectType",
  t.certification_threshold::float8 AS "certificationThreshold", t.grades, t.bonus_rules AS "bonusRules",
  t.published_at AS "publishedAt",
  NOT EXISTS (SELECT 1 FROM assessments.template n WHERE n.code = t.code AND n.version > t.version) AS current`;

const ITEM_COLUMNS = `i.id, i.template_id AS "templateId", i.position, i.category, i.name, i.guidance,
  i.max_score::float8 AS "maxScore", i.weight::float8 AS weight`;

export function templateRepository(db: Sql) {
  return {
    findByIds: (ids: readonly string[]): Promise<TemplateRow[]> =>
      db.query(`/* templatesByIds */ SELECT ${TEMPLATE_COLUMNS} FROM assessments.template t WHERE t.id = ANY($1::uuid[])`, [ids]),

    list: (includeSuperseded: boolean): Promise<TemplateRow[]> =>
      db.query(
        `/* templates */ SELECT * FROM (SELECT ${TEMPLATE_COLUMNS} FROM assessments.template t) t
         WHERE $1 OR t.current ORDER BY t.code, t.version`,
        [includeSuperseded],
      ),

    itemsOf: (templateIds: readonly string[]): Promise<TemplateItemRow[]> =>
      db.query(
        `/* templateItems */ SELECT ${ITEM_COLUMNS} FROM assessments.template_item i
         WHERE i.template_id = ANY($1::uuid[]) ORDER BY i.template_id, i.position`,
        [templateIds],
      ),

    /**
     * Inserts the next version of a form (version 1 for a new code). With
     * `onlyIfNew`, nothing happens when the code exists (reference data at start).
     * The advisory lock puts concurrent publishers of one code in a queue.
     */
    async publish(template: NewTemplate, onlyIfNew = false): Promise<string | null> {
      await db.query(`/* lockTemplateCode */ SELECT pg_advisory_xact_lock(hashtext('assessments.template:' || $1))`, [template.code]);
      const [{ latest }] = await db.query(`/* latestTemplateVersion */ SELECT max(version) AS latest FROM assessments.template WHERE code = $1`, [
        template.code,
      ]);
      if (onlyIfNew && latest !== null) return null;
      const [{ id }] = await db.query(
        `/* publishTemplate */ INSERT INTO assessments.template (code, version, name, subject_type, certification_threshold, grades, bonus_rules)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          template.code,
          (latest ?? 0) + 1,
          template.name,
          template.subjectType,
          template.certificationThreshold,
          JSON.stringify(template.grades),
          JSON.stringify(template.bonusRules),
        ],
      );
      const { items } = template;
      await db.query(
        `/* publishTemplateItems */ INSERT INTO assessments.template_item (template_id, position, category, name, guidance, max_score, weight)
         SELECT $1, position, category, name, guidance, max_score, weight
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[])
           AS i(position, category, name, guidance, max_score, weight)`,
        [
          id,
          items.map((_, i) => i + 1),
          items.map((i) => i.category),
          items.map((i) => i.name),
          items.map((i) => i.guidance),
          items.map((i) => i.maxScore),
          items.map((i) => i.weight),
        ],
      );
      return id;
    },
  };
}
