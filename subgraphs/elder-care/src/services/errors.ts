import { civicError, forbidden, type Identity, unauthenticated } from '@civic/shared';
import { mayWrite } from '../domain/access';

/** A refused decision as the caller sees it: the code of DEVELOPERS.md and the reason. */
export const refusal = (decision: { code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT'; message: string }) => civicError(decision.code, decision.message);

/** Writes need a person behind the token (its `sub`) and a role that writes here: never an analyst's or a partner's alone. */
export function actorOf(identity: Identity, doing: string): string {
  if (!identity.sub || identity.roles.length === 0) throw unauthenticated(`sign in to ${doing}`);
  if (!mayWrite(identity)) throw forbidden(`analysts and partners read elder care; they do not ${doing}`);
  return identity.sub;
}
