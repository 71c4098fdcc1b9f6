import type { EntityManager } from 'typeorm';
import { assertUuid } from './ids';
import { assertRegionCode, regionLevel } from './region';
import { badUserInput } from './errors';
import { ERASURE_CALLER } from './erasure';
import type { WriteContext } from './write/declare';
import type { writePath } from './write/writePath';

/**
 * 转移接续 across the graph. The directory's `moveVolunteer` changes the community a
 * volunteer serves; a subgraph that keeps a row of its own per volunteer *placed by
 * region* (elder care's time bank account: its balance counts in `hoursOutstanding`
 * there) declares one mutation that moves that row, answering the directory alone,
 * and the directory calls them all in the move's transaction
 * (`service-operations/MoveVolunteerCopies.graphql`), as it does for an erasure:
 * if any cannot answer, nothing moves and the move may be retried.
 *
 * What follows the person is what is theirs (a balance, what they opened and spent);
 * what was done somewhere stays there (a request's, a station's, an activity's
 * hours are counted by the region of the service).
 */
export const MOVE_CALLER = ERASURE_CALLER;

export interface VolunteerMove {
  personId: string;
  /** the community the volunteer serves now */
  communityCode: string;
}

/** A subgraph's part of a move, for its `writes`: the directory alone may call it; it returns how many rows moved (0 again). */
export function volunteerMoveWrite<Ctx extends WriteContext>(
  write: ReturnType<typeof writePath<Ctx>>,
  move: (tx: EntityManager, to: VolunteerMove) => Promise<number>,
) {
  return write.mutation({
    roles: [],
    services: [MOVE_CALLER],
    idempotencyKey: 'none',
    naturallyIdempotent: 'a row in the new community already stays there: a second call moves nothing',
    parse: (args: { personId: string; communityCode: string }): VolunteerMove => {
      const communityCode = assertRegionCode(args.communityCode, 'communityCode');
      if (regionLevel(communityCode) !== 'COMMUNITY') throw badUserInput('a volunteer moves to a community (12 digits)', { argument: 'communityCode' });
      return { personId: assertUuid(args.personId, 'personId'), communityCode };
    },
    run: (w, to) => move(w.tx, to),
  });
}
