import { assertUuid, badUserInput, notFound, type Write } from '@civic/shared';
import { overseesRule } from '../domain/access';
import { assertCommunityCode } from '../domain/place';
import { optionalText, requiredText, tags } from '../domain/text';
import { honourHallRepository, VisitRow } from '../repositories/honourHall';
import { storyRepository, StoryRow } from '../repositories/stories';
import { veteranRepository } from '../repositories/veterans';

export interface AddStoryInput {
  title: string;
  narrator: string;
  narratorVeteranId?: string | null;
  text: string;
  tags?: string[] | null;
  regionCode: string;
  collectedOn?: string | null;
}

/** Checked before the transaction, so bad input never reaches SQL. */
export function parseStory(input: AddStoryInput) {
  return {
    title: requiredText(input.title, 'input.title', 200),
    narrator: requiredText(input.narrator, 'input.narrator', 100),
    narratorVeteranId: input.narratorVeteranId != null ? assertUuid(input.narratorVeteranId, 'input.narratorVeteranId') : null,
    text: requiredText(input.text, 'input.text', 20_000),
    tags: tags(input.tags),
    regionCode: assertCommunityCode(input.regionCode, 'input.regionCode'),
    collectedOn: input.collectedOn ?? null,
  };
}

export async function addStory(w: Write, story: ReturnType<typeof parseStory>): Promise<StoryRow> {
  w.require(overseesRule, story);
  if (story.narratorVeteranId && !(await veteranRepository(w.tx).findByIds([story.narratorVeteranId]))[0]) {
    throw notFound(`no veteran has id ${story.narratorVeteranId}`);
  }
  return storyRepository(w.tx).insert(story);
}

export interface RecordVisitInput {
  hallId: string;
  visitedOn: string;
  kind: VisitRow['kind'];
  visitorGroup: string;
  title?: string | null;
  visitors: number;
}

/** Checked before the transaction: the hall's id, the count of visitors, the title. */
export function parseVisit(input: RecordVisitInput): RecordVisitInput {
  const hallId = assertUuid(input.hallId, 'input.hallId');
  if (!Number.isInteger(input.visitors) || input.visitors < 1 || input.visitors > 10_000) {
    throw badUserInput('visitors must be between 1 and 10000', { argument: 'input.visitors' });
  }
  return { ...input, hallId, title: optionalText(input.title, 'input.title', 200) };
}

export async function recordHallVisit(w: Write, input: RecordVisitInput): Promise<VisitRow> {
  const halls = honourHallRepository(w.tx);
  const [hall] = await halls.hallsByIds([input.hallId]);
  if (!hall) throw notFound(`no honour hall has id ${input.hallId}`);
  w.require(overseesRule, hall);
  if (input.visitedOn < hall.openedOn) {
    throw badUserInput(`the hall opened on ${hall.openedOn}; a visit cannot come before`, { argument: 'input.visitedOn' });
  }
  return halls.insertVisit({ ...input, title: input.title ?? null }, hall.regionCode);
}
