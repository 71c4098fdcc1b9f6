import { civicError, type Identity, unauthenticated } from '@civic/shared';
import type { Decision } from '../domain/requestFlow';

/** A refused decision as the caller sees it: the code of DEVELOPERS.md and the reason. */
export const refusal = (decision: Extract<Decision, { kind: 'refuse' }>) => civicError(decision.code, decision.message);

/** Writes need a person behind the token (its `sub`). */
export function actorOf(identity: Identity, doing: string): string {
  if (!identity.sub || identity.roles.length === 0) throw unauthenticated(`sign in to ${doing}`);
  return identity.sub;
}
