import type { DataSource } from 'typeorm';
import { assertUuid, badUserInput, Identity, notFound } from '@civic/shared';
import { assertOversees } from '../domain/access';
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

export function addStory(db: DataSource, identity: Identity, input: AddStoryInput): Promise<StoryRow> {
  const story = {
    title: requiredText(input.title, 'input.title', 200),
    narrator: requiredText(input.narrator, 'input.narrator', 100),
    narratorVeteranId: input.narratorVeteranId != null ? assertUuid(input.narratorVeteranId, 'input.narratorVeteranId') : null,
    text: requiredText(input.text, 'input.text', 20_000),
    tags: tags(input.tags),
    regionCode: assertCommunityCode(input.regionCode, 'input.regionCode'),
    collectedOn: input.collectedOn ?? null,
  };
  assertOversees(identity, story.regionCode);
  return db.transaction(async (tx) => {
    if (story.narratorVeteranId && !(await veteranRepository(tx).findByIds([story.narratorVeteranId]))[0]) {
      throw notFound(`no veteran has id ${story.narratorVeteranId}`);
    }
    return storyRepository(tx).insert(story);
  });
}

export interface RecordVisitInput {
  hallId: string;
  visitedOn: string;
  kind: VisitRow['kind'];
  visitorGroup: string;
  title?: string | null;
  visitors: number;
}

export function recordHallVisit(db: DataSource, identity: Identity, input: RecordVisitInput): Promise<VisitRow> {
  const hallId = assertUuid(input.hallId, 'input.hallId');
  if (!Number.isInteger(input.visitors) || input.visitors < 1 || input.visitors > 10_000) {
    throw badUserInput('visitors must be between 1 and 10000', { argument: 'input.visitors' });
  }
  const title = optionalText(input.title, 'input.title', 200);
  return db.transaction(async (tx) => {
    const halls = honourHallRepository(tx);
    const [hall] = await halls.hallsByIds([hallId]);
    if (!hall) throw notFound(`no honour hall has id ${hallId}`);
    assertOversees(identity, hall.regionCode);
    if (input.visitedOn < hall.openedOn) {
      throw badUserInput(`the hall opened on ${hall.openedOn}; a visit cannot come before`, { argument: 'input.visitedOn' });
    }
    return halls.insertVisit({ ...input, hallId, title }, hall.regionCode);
  });
}
