import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checkpoint shifts, the stories archive (老兵故事) and the honour hall (荣誉馆).
 *
 * A veteran is never on two overlapping shifts: an exclusion constraint says so in
 * the database, so two concurrent schedulers cannot both win. It needs btree_gist
 * (for `veteran_id WITH =` in a GiST index), a trusted extension that ships with
 * PostgreSQL, the embedded build included.
 *
 * Story search: pg_trgm cannot use its index for words under three characters,
 * and most Chinese words have two (老兵, 抗疫). So the text is indexed as
 * overlapping character bigrams with positions in a tsvector of our own, and a
 * search word becomes a phrase of its bigrams ('老兵' <-> '兵故' <-> '故事'). Words
 * are the runs of [[:alnum:]] characters, which counts CJK as letters under a
 * UTF-8 ctype (C.UTF-8 in the embedded cluster, en_US.utf8 in the postgres image).
 * The last character of each word is also indexed alone, so a one-character
 * search ('兵:*') finds it wherever it stands.
 */
export class ShiftsStoriesHonourHall1763884800021 implements MigrationInterface {
  name = 'ShiftsStoriesHonourHall1763884800021';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public`);
    await db.query(`
      CREATE TABLE veteran_volunteers.checkpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        team_id uuid REFERENCES veteran_volunteers.veteran_team (id),
        staffed_from time NOT NULL DEFAULT '00:00',
        staffed_until time NOT NULL DEFAULT '24:00',
        CHECK (staffed_until > staffed_from)
      )`);
    await db.query(`CREATE INDEX checkpoint_region_idx ON veteran_volunteers.checkpoint (region_code)`);
    await db.query(`
      CREATE TABLE veteran_volunteers.shift (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        checkpoint_id uuid NOT NULL REFERENCES veteran_volunteers.checkpoint (id),
        veteran_id uuid NOT NULL REFERENCES veteran_volunteers.veteran (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        CHECK (ends_at > starts_at),
        CONSTRAINT shift_no_overlap EXCLUDE USING gist (veteran_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
      )`);
    await db.query(`CREATE INDEX shift_checkpoint_idx ON veteran_volunteers.shift (checkpoint_id, starts_at)`);

    await db.query(`
      CREATE FUNCTION veteran_volunteers.cjk_grams(doc text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(g.gram ORDER BY w.n, g.i), '{}')
        FROM regexp_split_to_table(lower(doc), '[^[:alnum:]]+') WITH ORDINALITY AS w(word, n)
        CROSS JOIN LATERAL (
          SELECT i, substr(w.word, i, 2) AS gram FROM generate_series(1, greatest(length(w.word) - 1, 1)) AS i
          UNION ALL
          SELECT length(w.word) + 1, right(w.word, 1) WHERE length(w.word) > 1
        ) AS g
        WHERE w.word <> ''
      $$`);
    // Built from a literal rather than to_tsvector, so no text-search parser re-splits the grams.
    await db.query(`
      CREATE FUNCTION veteran_volunteers.cjk_tsvector(doc text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(format('%L:%s', gram, least(n, 16383)), ' '), '')::tsvector
        FROM unnest(veteran_volunteers.cjk_grams(doc)) WITH ORDINALITY AS t(gram, n)
      $$`);
    await db.query(`
      CREATE FUNCTION veteran_volunteers.cjk_tsquery(search text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT string_agg(
          CASE WHEN length(word) = 1 THEN format('%L:*', word)
          ELSE (SELECT '(' || string_agg(format('%L', substr(word, i, 2)), ' <-> ' ORDER BY i) || ')'
                FROM generate_series(1, length(word) - 1) AS i) END, ' & ')::tsquery
        FROM regexp_split_to_table(lower(search), '[^[:alnum:]]+') AS word
        WHERE word <> ''
      $$`);
    await db.query(`
      CREATE FUNCTION veteran_volunteers.story_document(title text, narrator text, body text, tags text[]) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT veteran_volunteers.cjk_tsvector(concat_ws(' ', title, narrator, body, array_to_string(tags, ' ')))
      $$`);
    await db.query(`
      CREATE TABLE veteran_volunteers.story (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        narrator text NOT NULL CHECK (length(narrator) BETWEEN 1 AND 100),
        narrator_veteran_id uuid REFERENCES veteran_volunteers.veteran (id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        tags text[] NOT NULL DEFAULT '{}',
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        collected_on date NOT NULL DEFAULT current_date,
        search tsvector GENERATED ALWAYS AS (veteran_volunteers.story_document(title, narrator, body, tags)) STORED
      )`);
    await db.query(`CREATE INDEX story_search_idx ON veteran_volunteers.story USING gin (search)`);
    await db.query(`CREATE INDEX story_tags_idx ON veteran_volunteers.story USING gin (tags)`);
    await db.query(`CREATE INDEX story_region_idx ON veteran_volunteers.story (region_code)`);

    await db.query(`
      CREATE TABLE veteran_volunteers.honour_hall (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        opened_on date NOT NULL
      )`);
    await db.query(`CREATE INDEX honour_hall_region_idx ON veteran_volunteers.honour_hall (region_code)`);
    await db.query(`
      CREATE TABLE veteran_volunteers.honour_hall_visit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hall_id uuid NOT NULL REFERENCES veteran_volunteers.honour_hall (id),
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        visited_on date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('LECTURE', 'CEREMONY', 'EXHIBITION', 'GROUP_VISIT')),
        visitor_group text NOT NULL CHECK (visitor_group IN ('PARTY_GOVERNMENT_MILITARY', 'VETERANS', 'STUDENTS_TEACHERS', 'OVERSEAS_CHINESE', 'PUBLIC')),
        title text CHECK (length(title) <= 200),
        visitors int NOT NULL CHECK (visitors BETWEEN 1 AND 10000)
      )`);
    await db.query(`CREATE INDEX honour_hall_visit_hall_idx ON veteran_volunteers.honour_hall_visit (hall_id, visited_on, id)`);
    await db.query(`CREATE INDEX honour_hall_visit_region_idx ON veteran_volunteers.honour_hall_visit (region_code)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE veteran_volunteers.honour_hall_visit`);
    await db.query(`DROP TABLE veteran_volunteers.honour_hall`);
    await db.query(`DROP TABLE veteran_volunteers.story`);
    await db.query(`DROP FUNCTION veteran_volunteers.story_document(text, text, text, text[])`);
    await db.query(`DROP FUNCTION veteran_volunteers.cjk_tsquery(text)`);
    await db.query(`DROP FUNCTION veteran_volunteers.cjk_tsvector(text)`);
    await db.query(`DROP FUNCTION veteran_volunteers.cjk_grams(text)`);
    await db.query(`DROP TABLE veteran_volunteers.shift`);
    await db.query(`DROP TABLE veteran_volunteers.checkpoint`);
    // btree_gist stays: other schemas may use it.
  }
}
