import type { DataSource } from 'typeorm';
import { assertUuid, badUserInput, conflict, Identity, notFound } from '@civic/shared';
import { assertOversees } from '../domain/access';
import { isExclusionViolation } from '../domain/pgErrors';
import { assertInterval } from '../domain/time';
import { shiftRepository, ShiftRow } from '../repositories/shifts';
import { veteranRepository } from '../repositories/veterans';

const MAX_SHIFT_MS = 24 * 3_600_000;

/**
 * The database's exclusion constraint (shift_no_overlap) is the rule: it holds
 * even when two officers schedule the same veteran at the same moment.
 */
export function scheduleShift(
  db: DataSource,
  identity: Identity,
  args: { checkpointId: string; veteranId: string; startsAt: Date; endsAt: Date },
): Promise<ShiftRow> {
  const checkpointId = assertUuid(args.checkpointId, 'checkpointId');
  const veteranId = assertUuid(args.veteranId, 'veteranId');
  assertInterval(args.startsAt, args.endsAt, { allowEmpty: false });
  if (args.endsAt.getTime() - args.startsAt.getTime() > MAX_SHIFT_MS) {
    throw badUserInput('a shift lasts at most 24 hours', { argument: 'endsAt' });
  }
  return db.transaction(async (tx) => {
    const shifts = shiftRepository(tx);
    const [checkpoint] = await shifts.checkpointsByIds([checkpointId]);
    if (!checkpoint) throw notFound(`no checkpoint has id ${checkpointId}`);
    assertOversees(identity, checkpoint.regionCode);
    const veteran = await veteranRepository(tx).lock(veteranId);
    if (!veteran) throw notFound(`no veteran has id ${veteranId}`);
    try {
      return await shifts.insert(checkpointId, veteranId, args.startsAt, args.endsAt);
    } catch (error) {
      if (isExclusionViolation(error, 'shift_no_overlap')) {
        throw conflict(`veteran ${veteranId} is already on a shift that overlaps ${args.startsAt.toISOString()}–${args.endsAt.toISOString()}`);
      }
      throw error;
    }
  });
}
