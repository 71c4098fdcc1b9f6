import { conflict, notFound, type Write } from '@civic/shared';
import { canteenStaffRule } from '../access';
import type { ElderCanteensContext } from '../context';
import type { MealSubsidyCategory } from '../domain/subsidy';
import { canteenRepository, type Canteen, type NewCanteen } from '../repositories/canteens';
import { dinerRepository, type Diner } from '../repositories/diners';

/** Opens a canteen in a community the caller's role covers, or returns the one a previous try opened. */
export async function openCanteen(w: Write, canteen: NewCanteen): Promise<Canteen> {
  w.require(canteenStaffRule, canteen);
  return canteenRepository(w.tx).open(canteen);
}

/**
 * Enrols an elder at a canteen, or moves the enrolment here. The canteen is the
 * caller's (canteen staff for its community) and open; an elder enrolled elsewhere
 * is moved only from a canteen the caller is staff for too, so nobody takes a
 * diner away from a canteen outside their region; the elder must be one elder care
 * knows, asked through the graph (NOT_FOUND otherwise).
 */
export async function enrolDiner(
  w: Write<ElderCanteensContext>,
  args: { canteenId: string; elderId: string; subsidyCategory: MealSubsidyCategory },
): Promise<Diner> {
  const canteen = await canteenRepository(w.tx).lockedInTransaction(w.tx, args.canteenId);
  if (!canteen) throw notFound('no canteen with that id');
  w.require(canteenStaffRule, canteen);
  if (canteen.status !== 'OPEN') throw conflict('the canteen is closed');
  const diners = dinerRepository(w.tx);
  const current = await diners.inTransaction(w.tx, args.elderId);
  if (current && current.canteenId !== canteen.id) w.require(canteenStaffRule, current);
  if (!(await w.ctx.elders.isRegistered(args.elderId))) throw notFound('elder care knows no elder with that id');
  return diners.enrol(args.elderId, canteen.id, canteen.regionCode, args.subsidyCategory);
}
