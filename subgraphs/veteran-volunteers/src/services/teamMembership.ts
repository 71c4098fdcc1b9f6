import { chinaToday, conflict, notFound, type Write } from '@civic/shared';
import { dischargedBy } from '../domain/service';
import { overseesRule } from '../domain/access';
import { isUniqueViolation } from '../domain/pgErrors';
import { membershipWrites, MembershipRow, teamRepository } from '../repositories/teams';
import { veteranRepository } from '../repositories/veterans';

async function teamAndVeteran(w: Write, teamId: string, veteranId: string) {
  const [team] = await teamRepository(w.tx).findByIds([teamId]);
  if (!team) throw notFound(`no veteran team has id ${teamId}`);
  w.require(overseesRule, team);
  const [veteran] = await veteranRepository(w.tx).findByIds([veteranId]);
  if (!veteran) throw notFound(`no veteran has id ${veteranId}`);
  return veteran;
}

/**
 * Joining opens a membership; the partial unique index refuses a second current
 * one, so two concurrent joins cannot both succeed and the loser is CONFLICT.
 */
export async function joinTeam(w: Write, teamId: string, veteranId: string): Promise<MembershipRow> {
  const veteran = await teamAndVeteran(w, teamId, veteranId);
  // Joined today (China time): a veteran discharged later than this year is still serving.
  if (!dischargedBy(veteran.dischargeYear, Number(chinaToday().slice(0, 4)))) {
    throw conflict(`veteran ${veteranId} is discharged in ${veteran.dischargeYear}: a team is joined after discharge`);
  }
  try {
    return await membershipWrites(w.tx).join(teamId, veteranId);
  } catch (error) {
    if (isUniqueViolation(error, 'team_membership_current_idx')) {
      throw conflict(`veteran ${veteranId} is already a member of team ${teamId}`);
    }
    throw error;
  }
}

/** Leaving closes the current membership; the row stays as history. */
export async function leaveTeam(w: Write, teamId: string, veteranId: string): Promise<MembershipRow> {
  await teamAndVeteran(w, teamId, veteranId);
  const left = await membershipWrites(w.tx).leave(teamId, veteranId);
  if (!left) throw notFound(`veteran ${veteranId} is not a current member of team ${teamId}`);
  return left;
}
