import type { GraphQLResolveInfo } from 'graphql';
import { forbidden, isUuid, operationName } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Person as PersonRow } from '../entities/Person';
import { todayIso } from '../domain/age';
import { ageOf } from '../domain/erasure';
import { personNotices } from './Notice';
import { maskIdNumber, maskPhone } from '../domain/masking';
import { mayReadPeople, mayReadPersonalData, PersonalField } from '../domain/access';
import type { PersonResolvers } from '../generated/resolvers';

/** Anonymous callers never reach a person, whether by `person(id)` or through `_entities`. */
export function assertMayReadPeople(ctx: DirectoryContext): void {
  if (!mayReadPeople(ctx.identity)) throw forbidden('people are visible to signed-in callers only');
}

/**
 * A personal field: whole (and logged before it is shown) when the caller may see
 * it, masked otherwise.
 */
async function personal<T>(
  person: PersonRow,
  field: PersonalField,
  value: T | null,
  mask: (value: T) => T | null,
  ctx: DirectoryContext,
  info: GraphQLResolveInfo,
): Promise<T | null> {
  if (value === null) return null;
  if (!mayReadPersonalData(ctx.identity, { id: person.id, regionCode: person.regionCode })) return mask(value);
  await ctx.auditTrail.record(person.id, field, operationName(info));
  return value;
}

export const Person: PersonResolvers = {
  __resolveReference(ref, ctx) {
    assertMayReadPeople(ctx);
    return isUuid(ref.id) ? ctx.loaders.person.load(ref.id.toLowerCase()) : null;
  },

  age: (person) => ageOf(person, todayIso()),

  erased: (person) => person.erasedAt !== null,

  birthDate: (person, _, ctx, info) => personal(person, 'birthDate', person.birthDate, () => null, ctx, info),

  phone: (person, _, ctx, info) => personal(person, 'phone', person.phone, maskPhone, ctx, info),

  idNumber: (person, _, ctx, info) =>
    personal(person, 'idNumber', person.idNumberSealed ? ctx.idNumbers.decrypt(person.idNumberSealed) : null, maskIdNumber, ctx, info),

  region: (person, _, ctx) => ctx.loaders.region.load(person.regionCode),

  actedForBy: (person, _, ctx) => (person.actedForBy ? ctx.loaders.person.load(person.actedForBy) : null),

  volunteer: (person, _, ctx) => ctx.loaders.volunteer.load(person.id),

  notices: (person, args, ctx) => personNotices(person, args, ctx),
};
