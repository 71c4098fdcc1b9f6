import type { GraphQLError } from 'graphql';
import { createHash } from 'node:crypto';
import { hasRole, isGraphService, type Identity } from '../auth/identity';
import { forbidden, unauthenticated } from '../errors';
import { isUuid } from '../ids';
import type { DeclaredWrite } from './declare';

/**
 * The role part of a declaration, the same in every subgraph: no person behind the
 * token → UNAUTHENTICATED; no declared role → FORBIDDEN. A PARTNER counts only in
 * its own partner subgraph (the token's `partner` claim names it), or wherever the
 * declaration lets every partner act on its own records (`everyPartner`); an ANALYST never.
 * Returns the refusal, or null when the caller may go on to the service.
 */
export function writeRefusal(
  declared: Pick<DeclaredWrite, 'roles' | 'subgraph' | 'services' | 'everyPartner'>,
  identity: Identity,
  operation: string,
): GraphQLError | null {
  if (isGraphService(identity)) {
    return declared.services?.includes(identity.service as string) ? null : forbidden(`${operation} is not for the graph's service ${identity.service}`);
  }
  if (!identity.sub) return unauthenticated(`sign in to ${operation}`);
  // A `sub` is a person id; anything else would fail in SQL as an internal error.
  if (!isUuid(identity.sub)) return unauthenticated("the token's subject is not a person id");
  const partnerActs = declared.roles.includes('PARTNER') && (Boolean(declared.everyPartner) || identity.partner === declared.subgraph);
  const acts = identity.roles.some((role) => (role === 'PARTNER' ? partnerActs : (declared.roles as string[]).includes(role)));
  if (acts) return null;
  if (hasRole(identity, 'ANALYST') && identity.roles.length === 1) return forbidden(`analysts read; they do not ${operation}`);
  if (declared.roles.length === 0) return forbidden(`${operation} is for the graph's own services only`);
  if (hasRole(identity, 'PARTNER') && identity.partner !== declared.subgraph && !declared.everyPartner) {
    return forbidden(`your partner token is for another partner, not ${declared.subgraph}: a partner writes in its own subgraph only`);
  }
  return forbidden(`${operation} is for ${declared.roles.join(', ')} only`);
}

/** The code the wrapper answers a caller with before the service runs, or null when it lets the caller through. */
export function declaredAnswer(
  declared: Pick<DeclaredWrite, 'roles' | 'subgraph' | 'services' | 'everyPartner'>,
  identity: Identity,
): 'UNAUTHENTICATED' | 'FORBIDDEN' | null {
  return (writeRefusal(declared, identity, 'write')?.extensions.code as 'UNAUTHENTICATED' | 'FORBIDDEN' | undefined) ?? null;
}

/** The caller as services see it: `sub` in lower case, so that ids compare as PostgreSQL compares them. */
export const normalisedIdentity = (identity: Identity): Identity => ({ ...identity, sub: identity.sub?.toLowerCase() ?? null });

/**
 * The id a graph service acts under in the key store and the records it writes: a
 * UUID (version 8, RFC 9562's custom layout) from the SHA-256 of its name, the same
 * on every replica and run, never a person's id.
 */
export function serviceActor(service: string): string {
  const hex = createHash('sha256').update(`civic-graph-service:${service}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
