import type { DataSource, EntityManager } from 'typeorm';
import { conflict, Identity, notFound } from '@civic/shared';
import { assertOversees } from '../domain/access';
import { isUniqueViolation } from '../domain/pgErrors';
import { membershipWrites, MembershipRow, teamRepository } from '../repositories/teams';
import { veteranRepository } from '../repositories/veterans';

async function teamAndVeteran(tx: EntityManager, identity: Identity, teamId: string, veteranId: string) {
  const [team] = await teamRepository(tx).findByIds([teamId]);
  if (!team) throw notFound(`no veteran team has id ${teamId}`);
  assertOversees(identity, team.regionCode);
  const [veteran] = await veteranRepository(tx).findByIds([veteranId]);
  if (!veteran) throw notFound(`no veteran has id ${veteranId}`);
}

/**
 * Joining opens a membership; the partial unique index refuses a second current
 * one, so two concurrent joins cannot both succeed and the loser is CONFLICT.
 */
export function joinTeam(db: DataSource, identity: Identity, teamId: string, veteranId: string): Promise<MembershipRow> {
  return db.transaction(async (tx) => {
    await teamAndVeteran(tx, identity, teamId, veteranId);
    try {
      return await membershipWrites(tx).join(teamId, veteranId);
    } catch (error) {
      if (isUniqueViolation(error, 'team_membership_current_idx')) {
        throw conflict(`veteran ${veteranId} is already a member of team ${teamId}`);
      }
      throw error;
    }
  });
}

/** Leaving closes the current membership; the row stays as history. */
export function leaveTeam(db: DataSource, identity: Identity, teamId: string, veteranId: string): Promise<MembershipRow> {
  return db.transaction(async (tx) => {
    await teamAndVeteran(tx, identity, teamId, veteranId);
    const left = await membershipWrites(tx).leave(teamId, veteranId);
    if (!left) throw notFound(`veteran ${veteranId} is not a current member of team ${teamId}`);
    return left;
  });
}
