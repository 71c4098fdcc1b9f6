import { assertRegionCode, badUserInput, coversRegion, forbidden, hasRole, isGraphService, loadReferenced, notFound, type Write } from '@civic/shared';
import type { DirectoryContext } from '../context';
import { Person } from '../entities/Person';
import { officerOfRegion } from '../domain/writeRules';
import { officerRepository, type AppointmentRow } from '../repositories/officers';
import type { OfficerAppointmentResolvers, QueryResolvers, RegionResolvers } from '../generated/resolvers';

const MAX_CODES = 50;

/** Officers are named to the officials who work with them: city administrators, and officers and station managers covering the region. */
const maySeeOfficers = (ctx: DirectoryContext, code: string) =>
  hasRole(ctx.identity, 'CITY_ADMIN') || (hasRole(ctx.identity, 'DISTRICT_OFFICER', 'STATION_MANAGER') && coversRegion(ctx.identity, code));

export const officerFields: RegionResolvers = {
  officers: async (region, _, ctx) =>
    maySeeOfficers(ctx, region.code)
      ? Promise.all((await ctx.loaders.officers.load(region.code)).map((a) => loadReferenced(ctx.loaders.person, a.personId, 'person')))
      : [],
};

export const officerQueries: QueryResolvers = {
  async regionOfficers(_, { codes }, ctx) {
    if (!isGraphService(ctx.identity)) throw forbidden("regionOfficers answers the graph's own subgraphs only");
    if (codes.length > MAX_CODES) throw badUserInput(`at most ${MAX_CODES} codes`, { argument: 'codes' });
    const asked = [...new Set(codes.map((code) => assertRegionCode(code, 'codes')))];
    const found = await ctx.loaders.officers.loadMany(asked);
    return asked.map((code, i) => ({ code, personIds: (found[i] as AppointmentRow[]).map((a) => a.personId) }));
  },
};

export const OfficerAppointment: OfficerAppointmentResolvers = {
  // The directory owns Person: its row, so that the person's own fields resolve here.
  person: (a, _, ctx) => loadReferenced(ctx.loaders.person, a.personId, 'person'),
  region: (a, _, ctx) => loadReferenced(ctx.loaders.region, a.regionCode, 'region'),
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
