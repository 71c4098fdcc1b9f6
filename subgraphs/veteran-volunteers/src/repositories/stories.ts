import type { DataSource, EntityManager } from 'typeorm';
import type { Page } from '@civic/shared';
import { Where } from '@civic/shared';

export interface StoryRow {
  id: string;
  title: string;
  narrator: string;
  narratorVeteranId: string | null;
  text: string;
  tags: string[];
  regionCode: string;
  collectedOn: string;
}

export interface StoryFilter {
  regionCode?: string | null;
  search?: string | null;
  tag?: string | null;
}

export type NewStory = Omit<StoryRow, 'id' | 'collectedOn'> & { collectedOn: string | null };

const COLUMNS = `s.id, s.title, s.narrator, s.narrator_veteran_id AS "narratorVeteranId", s.body AS text, s.tags,
  s.region_code AS "regionCode", to_char(s.collected_on, 'YYYY-MM-DD') AS "collectedOn"`;

/** Search goes through the bigram index (see migration 1763884800021): every word, as a phrase of its bigrams. */
const filterOf = (f: StoryFilter) =>
  new Where()
    .region('s.region_code', f.regionCode)
    .when(f.search, 's.search @@ veteran_volunteers.cjk_tsquery($)', f.search)
    .when(f.tag, 's.tags @> ARRAY[$]::text[]', f.tag);

export function storyRepository(db: DataSource | EntityManager) {
  return {
    byIds: (ids: readonly string[]): Promise<StoryRow[]> =>
      db.query(`/* storiesByIds */ SELECT ${COLUMNS} FROM veteran_volunteers.story s WHERE s.id = ANY($1::uuid[])`, [ids]),

    /** Keyset page, newest collected first: (collected_on, id) descending. */
    page(filter: StoryFilter, page: Page<[string, string]>): Promise<StoryRow[]> {
      const where = filterOf(filter).when(page.after, '(s.collected_on, s.id) < ($::date, $::uuid)', ...(page.after ?? []));
      return db.query(
        `/* storiesPage */ SELECT ${COLUMNS} FROM veteran_volunteers.story s ${where}
         ORDER BY s.collected_on DESC, s.id DESC LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    async count(filter: StoryFilter): Promise<number> {
      const where = filterOf(filter);
      const [{ count }] = await db.query(`/* storiesCount */ SELECT count(*)::int AS count FROM veteran_volunteers.story s ${where}`, where.params);
      return count;
    },

    async insert(story: NewStory): Promise<StoryRow> {
      const [row] = await db.query(
        `/* addStory */ INSERT INTO veteran_volunteers.story AS s (title, narrator, narrator_veteran_id, body, tags, region_code, collected_on)
         VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::date, current_date)) RETURNING ${COLUMNS}`,
        [story.title, story.narrator, story.narratorVeteranId, story.text, story.tags, story.regionCode, story.collectedOn],
      );
      return row;
    },
  };
}
export type StoryRepository = ReturnType<typeof storyRepository>;
