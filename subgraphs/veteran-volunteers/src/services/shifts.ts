import { assertUuid, badUserInput, conflict, notFound, type Write } from '@civic/shared';
import { overseesRule } from '../domain/access';
import { isExclusionViolation } from '../domain/pgErrors';
import { assertInterval } from '../domain/time';
import { shiftRepository, ShiftRow } from '../repositories/shifts';
import { veteranRepository } from '../repositories/veterans';

const MAX_SHIFT_MS = 24 * 3_600_000;

export interface ShiftArgs {
  checkpointId: string;
  veteranId: string;
  startsAt: Date;
  endsAt: Date;
}

/** Checked before the transaction: ids, and an interval of at most a day. */
export function parseShift(args: ShiftArgs): ShiftArgs {
  const checkpointId = assertUuid(args.checkpointId, 'checkpointId');
  const veteranId = assertUuid(args.veteranId, 'veteranId');
  assertInterval(args.startsAt, args.endsAt, { allowEmpty: false });
  if (args.endsAt.getTime() - args.startsAt.getTime() > MAX_SHIFT_MS) {
    throw badUserInput('a shift lasts at most 24 hours', { argument: 'endsAt' });
  }
  return { checkpointId, veteranId, startsAt: args.startsAt, endsAt: args.endsAt };
}

/**
 * The database's exclusion constraint (shift_no_overlap) is the rule: it holds
 * even when two officers schedule the same veteran at the same moment.
 */
export async function scheduleShift(w: Write, { checkpointId, veteranId, startsAt, endsAt }: ShiftArgs): Promise<ShiftRow> {
  const shifts = shiftRepository(w.tx);
  const [checkpoint] = await shifts.checkpointsByIds([checkpointId]);
  if (!checkpoint) throw notFound(`no checkpoint has id ${checkpointId}`);
  w.require(overseesRule, checkpoint);
  const veteran = await veteranRepository(w.tx).lock(veteranId);
  if (!veteran) throw notFound(`no veteran has id ${veteranId}`);
  try {
    return await shifts.insert(checkpointId, veteranId, startsAt, endsAt);
  } catch (error) {
    if (isExclusionViolation(error, 'shift_no_overlap')) {
      throw conflict(`veteran ${veteranId} is already on a shift that overlaps ${startsAt.toISOString()}–${endsAt.toISOString()}`);
    }
    throw error;
  }
}

export async function setCheckpointHeadcount(w: Write, checkpointId: string, headcount: number) {
  const shifts = shiftRepository(w.tx);
  const [checkpoint] = await shifts.checkpointsByIds([checkpointId]);
  if (!checkpoint) throw notFound(`no checkpoint has id ${checkpointId}`);
  w.require(overseesRule, checkpoint);
  return shifts.setHeadcount(checkpointId, headcount);
}
