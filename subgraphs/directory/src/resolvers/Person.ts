import { isUuid } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Person as PersonRow } from '../entities/Person';
import { ageOn, todayIso } from '../domain/age';
import { maskIdNumber, maskPhone, mayReadPersonalData } from '../domain/masking';

export const Person = {
  __resolveReference: (ref: { id: string }, ctx: DirectoryContext) =>
    isUuid(ref.id) ? ctx.loaders.person.load(ref.id.toLowerCase()) : null,

  age: (person: PersonRow) => ageOn(person.birthDate, todayIso()),

  birthDate: (person: PersonRow, _: unknown, ctx: DirectoryContext) =>
    mayReadPersonalData(ctx.identity, person.regionCode) ? person.birthDate : null,

  phone: (person: PersonRow, _: unknown, ctx: DirectoryContext) =>
    person.phone && !mayReadPersonalData(ctx.identity, person.regionCode) ? maskPhone(person.phone) : person.phone,

  idNumber: (person: PersonRow, _: unknown, ctx: DirectoryContext) =>
    person.idNumber && !mayReadPersonalData(ctx.identity, person.regionCode)
      ? maskIdNumber(person.idNumber)
      : person.idNumber,

  region: (person: PersonRow, _: unknown, ctx: DirectoryContext) => ctx.loaders.region.load(person.regionCode),
};
