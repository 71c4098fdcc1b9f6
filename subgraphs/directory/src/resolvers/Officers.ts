import { assertRegionCode, badUserInput, coversRegion, forbidden, hasRole, isGraphService, notFound, type Write } from '@civic/shared';
import type { DirectoryContext } from '../context';
import { Person } from '../entities/Person';
import { officerOfRegion } from '../domain/writeRules';
import { officerRepository, type AppointmentRow } from '../repositories/officers';
import type { Region as RegionRow } from '../entities/Region';

const MAX_CODES = 50;
const asPerson = (id: string) => ({ __typename: 'Person', id });

/** Officers are named to the officials who work with them: city administrators, and officers and station managers covering the region. */
const maySeeOfficers = (ctx: DirectoryContext, code: string) =>
  hasRole(ctx.identity, 'CITY_ADMIN') || (hasRole(ctx.identity, 'DISTRICT_OFFICER', 'STATION_MANAGER') && coversRegion(ctx.identity, code));

export const officerFields = {
  officers: async (region: RegionRow, _: unknown, ctx: DirectoryContext) =>
    maySeeOfficers(ctx, region.code) ? (await ctx.loaders.officers.load(region.code)).map((a) => asPerson(a.personId)) : [],
};

export const officerQueries = {
  async regionOfficers(_: unknown, { codes }: { codes: string[] }, ctx: DirectoryContext) {
    if (!isGraphService(ctx.identity)) throw forbidden("regionOfficers answers the graph's own subgraphs only");
    if (codes.length > MAX_CODES) throw badUserInput(`at most ${MAX_CODES} codes`, { argument: 'codes' });
    const asked = [...new Set(codes.map((code) => assertRegionCode(code, 'codes')))];
    const found = await ctx.loaders.officers.loadMany(asked);
    return asked.map((code, i) => ({ code, personIds: (found[i] as AppointmentRow[]).map((a) => a.personId) }));
  },
};

export const OfficerAppointment = {
  person: (a: AppointmentRow) => asPerson(a.personId),
  region: (a: AppointmentRow, _: unknown, ctx: DirectoryContext) => ctx.loaders.region.load(a.regionCode),
};

/** Appoints a person on record (not erased) in a region the caller keeps records of. */
export async function appointOfficer(w: Write<DirectoryContext>, args: { personId: string; regionCode: string }): Promise<AppointmentRow> {
  w.require(officerOfRegion, { regionCode: args.regionCode });
  const person = await w.tx.getRepository(Person).findOneBy({ id: args.personId });
  if (!person || person.erasedAt) throw badUserInput('no person with this id on record', { argument: 'personId' });
  const [region] = await w.tx.query(`/* regionExists */ SELECT 1 FROM directory.region WHERE code = $1`, [args.regionCode]);
  if (!region) throw notFound('no region with this code');
  return officerRepository(w.tx).appoint(args.personId, args.regionCode, w.actor);
}

export async function endOfficerAppointment(w: Write<DirectoryContext>, args: { personId: string; regionCode: string }): Promise<AppointmentRow | null> {
  w.require(officerOfRegion, { regionCode: args.regionCode });
  return officerRepository(w.tx).end(args.personId, args.regionCode, w.actor);
}
