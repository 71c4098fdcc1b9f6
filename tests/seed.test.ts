import type { DataSource } from 'typeorm';
import { addDays, openSubgraphDatabase, SeedOptions, type SeedPopulation } from '@civic/shared';
import { planElderCareSeed } from '@civic/elder-care/src/seed/plan';
import { planVeteranSeed } from '@civic/veteran-volunteers/src/seed/plan';
import { planStationsSeed } from '@civic/neighbour-stations/src/seed/plan';
import { HELP_KINDS } from '@civic/neighbour-stations/src/domain/vocabulary';
import { DISTRICT_AREAS } from '@civic/neighbour-stations/src/seed/districts';
import { kmBetween } from '@civic/neighbour-stations/src/seed/centres';
import { FUJIAN_BOUNDS } from '@civic/neighbour-stations/src/domain/geo';
import { createTestDatabase, TestDatabase, testSubgraphUrls } from '@civic/shared/src/testing';
import { directory } from '@civic/directory/src/module';
import { planDirectorySeed } from '@civic/directory/src/seed';
import { readRegions } from '@civic/directory/src/seed/regions';
import { birthDateFromIdNumber, isValidIdNumber } from '@civic/directory/src/domain/idNumber';
import { isValidMobile } from '@civic/directory/src/domain/phone';
import { idNumberCipher } from '@civic/directory/src/domain/idNumberCipher';
import { directoryConfig } from '@civic/directory/src/config';
import { ORGANIZATION_KINDS } from '@civic/shared';
import { seedIfEmpty } from '../graph/seed';

const OPTIONS: SeedOptions = { seed: 20261123, size: 'demo' };

interface PersonRow {
  id: string;
  name: string;
  birth_date: string;
  phone: string | null;
  has_phone: boolean;
  id_number_sealed: Buffer;
  id_number_digest: Buffer;
  region_code: string;
  region_level: string | null;
}

describe('the demo seed of the directory', () => {
  let database: TestDatabase;
  let db: DataSource;
  let seeded: string[];
  let people: PersonRow[];
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openSubgraphDatabase(directory, testSubgraphUrls(database.url, directory.dbSchema), 2);
    seeded = await seedIfEmpty([{ module: directory, dataSource: db }], OPTIONS);
    people = await db.query(`
      SELECT p.id, p.name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.phone, p.has_phone,
             p.id_number_sealed, p.id_number_digest, p.region_code, r.level AS region_level
      FROM directory.person p LEFT JOIN directory.region r ON r.code = p.region_code`);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('when the directory is empty, then it is seeded with the planned people; when seeded again, then nothing is added', async () => {
    expect(seeded).toEqual(['directory']);
    expect(people).toHaveLength(planDirectorySeed(OPTIONS).people.length);
    const count = async () =>
      (
        await db.query(`SELECT (SELECT count(*) FROM directory.person)::int AS people,
      (SELECT count(*) FROM directory.organization)::int AS organizations`)
      )[0];
    const before = await count();
    expect(await seedIfEmpty([{ module: directory, dataSource: db }], OPTIONS)).toEqual([]);
    expect(await count()).toEqual(before);
  });

  it('when a seeded person is read, then the ID number is valid and agrees with birth date and district', () => {
    const cipher = idNumberCipher(directoryConfig().dataKey);
    const wrong = people.filter((p) => {
      const idNumber = cipher.decrypt(p.id_number_sealed);
      return (
        !isValidIdNumber(idNumber) ||
        birthDateFromIdNumber(idNumber) !== p.birth_date ||
        idNumber.slice(0, 6) !== p.region_code.slice(0, 6) ||
        !cipher.digest(idNumber).equals(p.id_number_digest)
      );
    });
    expect(wrong).toEqual([]);
  });

  it('when a seeded person is read, then the mobile is valid (or, for some of the very old, there is none) and the region is a community of the directory', () => {
    expect(people.filter((p) => p.phone !== null && !isValidMobile(p.phone)).map((p) => p.phone)).toEqual([]);
    const none = people.filter((p) => p.phone === null);
    expect(none.filter((p) => p.has_phone || +p.birth_date.slice(0, 4) > 1946)).toEqual([]);
    const veryOld = people.filter((p) => +p.birth_date.slice(0, 4) <= 1946);
    expect(none.length / veryOld.length).toBeGreaterThan(0.1);
    expect(none.length / veryOld.length).toBeLessThan(0.35);
    expect(people.filter((p) => p.region_level !== 'COMMUNITY').map((p) => p.region_code)).toEqual([]);
  });

  it('when people are counted by district, then 马尾区 and 洛江区 both have residents', () => {
    const inDistrict = (code: string) => people.filter((p) => p.region_code.startsWith(code)).length;
    expect(inDistrict('350105')).toBeGreaterThan(0);
    expect(inDistrict('350504')).toBeGreaterThan(0);
  });

  it('when organizations are listed, then 洛江区志愿者协会 is there and every kind of organization is represented', async () => {
    const named = await db.query(`SELECT kind, region_code FROM directory.organization WHERE name = '洛江区志愿者协会'`);
    expect(named).toEqual([{ kind: 'ASSOCIATION', region_code: '350504' }]);
    const kinds: { kind: string }[] = await db.query(`SELECT DISTINCT kind FROM directory.organization ORDER BY kind`);
    expect(kinds.map((k) => k.kind)).toEqual([...ORGANIZATION_KINDS].sort());
  });

  it('when the same seed is planned twice, then the plan is identical; when another seed is planned, then it differs', () => {
    const regions = readRegions();
    const plan = planDirectorySeed({ seed: 7, size: 'demo' }, regions);
    expect(planDirectorySeed({ seed: 7, size: 'demo' }, regions)).toEqual(plan);
    const other = planDirectorySeed({ seed: 8, size: 'demo' }, regions);
    expect(other.people).not.toEqual(plan.people);
    expect(other.organizations).not.toEqual(plan.organizations);
  });
});

/** The directory's demo people as the launcher hands them on (names included). */
function demoPopulation(): SeedPopulation {
  const plan = planDirectorySeed(OPTIONS);
  return {
    people: plan.people.map(({ id, name, gender, birthDate, regionCode }) => ({ id, name, gender, birthDate, regionCode })),
    organizations: plan.organizations,
    // As the directory's population hands them on: every region's name.
    regions: readRegions().map(({ code, name }) => ({ code, name })),
  };
}

describe("the demo seed of elder care, planned from the directory's demo people", () => {
  const population = demoPopulation();
  const byId = new Map(population.people.map((p) => [p.id, p]));
  const plan = planElderCareSeed({ ...OPTIONS, population });
  const elderPerson = new Map(plan.elders.map((e) => [e.id, byId.get(e.personId)!]));
  const kin = [
    ...plan.elders.map((e) => ({ elder: byId.get(e.personId)!, other: byId.get(e.contactId!)!, relationship: e.contactRelationship! })),
    ...plan.carers.map((c) => ({ elder: elderPerson.get(c.elderId)!, other: byId.get(c.personId)!, relationship: c.relationship })),
  ];
  const years = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000);
  const show = (k: (typeof kin)[number]) =>
    `${k.elder.name} ${k.elder.gender} ${k.elder.birthDate} → ${k.relationship} ${k.other.name} ${k.other.gender} ${k.other.birthDate}`;

  it('when contacts and carers are read, then a 儿子 or 侄子 is male and a 女儿 or 儿媳 female', () => {
    expect(kin.length).toBeGreaterThan(100);
    const gender: Record<string, string> = { 儿子: 'MALE', 侄子: 'MALE', 女儿: 'FEMALE', 儿媳: 'FEMALE' };
    const wrong = kin.filter((k) => gender[k.relationship] && gender[k.relationship] !== k.other.gender);
    expect(wrong.map(show)).toEqual([]);
  });

  it("when a male elder's children and nephews are read, then they carry his surname", () => {
    const wrong = kin.filter((k) => k.elder.gender === 'MALE' && ['儿子', '女儿', '侄子'].includes(k.relationship) && k.other.name![0] !== k.elder.name![0]);
    expect(wrong.map(show)).toEqual([]);
    expect(kin.filter((k) => k.elder.gender === 'MALE' && ['儿子', '女儿'].includes(k.relationship)).length).toBeGreaterThan(10);
  });

  it('when kin are read, then each is 18 to 45 years younger than the elder', () => {
    const wrong = kin.filter(
      (k) => k.relationship !== '邻居' && (years(k.elder.birthDate, k.other.birthDate) < 18 || years(k.elder.birthDate, k.other.birthDate) > 45),
    );
    expect(wrong.map(show)).toEqual([]);
  });

  it('when elders aged 80 or more in 2026 are read, then each has ADVANCED_AGE', () => {
    const wrong = plan.elders.filter((e) => years(byId.get(e.personId)!.birthDate, '2026-12-31') >= 80 && !e.conditions.includes('ADVANCED_AGE'));
    expect(wrong.map((e) => byId.get(e.personId)!.birthDate)).toEqual([]);
    expect(plan.elders.some((e) => e.conditions.includes('ADVANCED_AGE'))).toBe(true);
  });
});

describe('the demo seed of elder care, in time', () => {
  const plan = planElderCareSeed({ ...OPTIONS, population: demoPopulation() });
  const chinaHour = (at: Date) => ((at.getUTCHours() + 8) % 24) + at.getUTCMinutes() / 60;
  const daysOld = (at: Date) => (Date.parse('2026-11-24T00:00:00+08:00') - at.getTime()) / 86_400_000;

  it('when services are read, then each was completed between 07:00 and 21:00 China time', () => {
    const completed = plan.requests.filter((r) => r.completedAt);
    expect(completed.length).toBeGreaterThan(50);
    expect(completed.filter((r) => chinaHour(r.completedAt!) < 7 || chinaHour(r.completedAt!) > 21).map((r) => r.completedAt)).toEqual([]);
  });

  it('when open and claimed requests are read, then most are recent and none is older than two months', () => {
    const waiting = plan.requests.filter((r) => r.status === 'OPEN' || r.status === 'CLAIMED');
    expect(waiting.length).toBeGreaterThan(5);
    expect(waiting.filter((r) => daysOld(r.createdAt) > 60).map((r) => r.createdAt)).toEqual([]);
    expect(waiting.filter((r) => daysOld(r.createdAt) <= 14).length / waiting.length).toBeGreaterThan(0.5);
  });

  it('when requests are counted by age, then the last three months hold more than any earlier three', () => {
    const quarter = (r: { createdAt: Date }) => Math.floor(daysOld(r.createdAt) / 91);
    const counts = new Map<number, number>();
    for (const r of plan.requests) counts.set(quarter(r), (counts.get(quarter(r)) ?? 0) + 1);
    const latest = counts.get(0) ?? 0;
    for (const [q, n] of counts) if (q > 0) expect(latest).toBeGreaterThan(n);
    expect(counts.size).toBeGreaterThan(4);
  });

  it("when steps are read, then none is after the seed's today", () => {
    const end = Date.parse('2026-11-24T00:00:00+08:00');
    expect(plan.steps.filter((s) => s.at.getTime() >= end)).toEqual([]);
    expect(plan.transfers.filter((t) => t.at.getTime() >= end)).toEqual([]);
  });
});

describe("the demo seed of veteran volunteers, planned from the directory's demo people", () => {
  const population = demoPopulation();
  const byId = new Map(population.people.map((p) => [p.id, p]));
  const plan = planVeteranSeed({ ...OPTIONS, population });
  const veteran = new Map(
    plan.veterans.map((v) => [v.id, { ...v, enlistYear: v.dischargeYear - v.serviceYears, born: +byId.get(v.personId)!.birthDate.slice(0, 4) }]),
  );
  const year = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();

  it('when veterans are read, then each enlisted at 17 to 24', () => {
    expect(veteran.size).toBeGreaterThan(100);
    const wrong = [...veteran.values()].filter((v) => v.enlistYear - v.born < 17 || v.enlistYear - v.born > 24);
    expect(wrong.map((v) => `${v.born} enlisted ${v.enlistYear}`)).toEqual([]);
  });

  it("when attendance, shifts and team joins are read, then each is after the veteran's discharge", () => {
    const activity = new Map(plan.activities.map((a) => [a.id, a]));
    const early = [
      ...plan.attendance.filter((a) => year(activity.get(a.activityId)!.startsAt) <= veteran.get(a.veteranId)!.dischargeYear),
      ...plan.shifts.filter((s) => year(s.startsAt) <= veteran.get(s.veteranId)!.dischargeYear),
      ...plan.memberships.filter((m) => year(m.joinedAt) <= veteran.get(m.veteranId)!.dischargeYear),
    ];
    expect(plan.shifts.length).toBeGreaterThan(0);
    expect(early).toEqual([]);
  });

  it('when flood-relief stories are read, then each tells of a veteran of its district who served in 1998', () => {
    const floods = plan.stories.filter((s) => s.tags.includes('抗洪'));
    expect(floods.length).toBeGreaterThan(5);
    const wrong = floods.filter((s) => {
      const enlisted = Number(/(\d{4})年/.exec(s.text)![1]);
      return ![...veteran.values()].some(
        (v) => v.regionCode.slice(0, 6) === s.regionCode.slice(0, 6) && v.enlistYear === enlisted && v.enlistYear < 1998 && v.dischargeYear > 1998,
      );
    });
    expect(wrong.map((s) => s.text.slice(0, 12))).toEqual([]);
  });

  it("when stories are read, then no two are alike, no sentence is in more than one in eight, and each starts from a veteran of its community's enlistment year", () => {
    expect(plan.stories.length).toBeGreaterThan(200);
    expect(new Set(plan.stories.map((s) => s.text)).size).toBe(plan.stories.length);
    const counts = new Map<string, number>();
    for (const s of plan.stories) for (const sentence of new Set(s.text.split(/[。”]+/).filter(Boolean))) counts.set(sentence, (counts.get(sentence) ?? 0) + 1);
    const common = [...counts].filter(([, n]) => n > plan.stories.length / 8);
    expect(common).toEqual([]);
    expect(new Set(plan.stories.map((s) => s.title)).size).toBe(plan.stories.length);
    // A woman veteran's story says 她 throughout, a man's 他.
    expect(plan.stories.filter((s) => s.text.includes('他') && s.text.includes('她')).map((s) => s.text.slice(0, 20))).toEqual([]);
    const unfounded = plan.stories.filter((s) => {
      const enlisted = Number(/(\d{4})年/.exec(s.text)?.[1]);
      return ![...veteran.values()].some((v) => v.regionCode === s.regionCode && v.enlistYear === enlisted);
    });
    expect(unfounded.map((s) => s.text.slice(0, 20))).toEqual([]);
  });

  it('when 马尾区 activities are read, then 30 or more were held with a social-work agency (seed 003), not all of them', () => {
    const mawei = plan.activities.filter((a) => a.regionCode.startsWith('350105'));
    const partnered = mawei.filter((a) => a.partnerOrganizationId);
    expect(partnered.length).toBeGreaterThanOrEqual(30);
    expect(partnered.length).toBeLessThan(mawei.length);
    const agencies = new Set(population.organizations.filter((o) => o.kind === 'SOCIAL_WORK_AGENCY').map((o) => o.id));
    expect(partnered.filter((a) => !agencies.has(a.partnerOrganizationId!))).toEqual([]);
  });

  it('when night patrols are read, then each sets out after 18:00 China time', () => {
    const patrols = plan.activities.filter((a) => a.title.includes('夜间巡逻'));
    expect(patrols.length).toBeGreaterThan(0);
    expect(patrols.filter((a) => (a.startsAt.getUTCHours() + 8) % 24 < 18).map((a) => a.startsAt)).toEqual([]);
  });
});

describe("the demo seed of 金厝边, planned from the directory's demo people and the stations seeded before it", () => {
  const population = demoPopulation();
  const stations = planStationsSeed(OPTIONS.seed, population, '2026-11-23').stations.map(({ id, name, regionCode }) => ({ id, name, regionCode }));
  const plan = planElderCareSeed({ ...OPTIONS, population: { ...population, stations } });

  it('when pilot communities are read, then each is in 福州 (3501) and has its mutual-aid station there', () => {
    expect(plan.pilots.length).toBeGreaterThan(2);
    expect(plan.pilots.filter((p) => !p.regionCode.startsWith('3501'))).toEqual([]);
    const stationOf = new Map(stations.map((s) => [s.id, s]));
    expect(plan.pilots.filter((p) => !p.stationId || stationOf.get(p.stationId)?.regionCode !== p.regionCode)).toEqual([]);
  });

  it("when teams are read, then their names are places and organisations, never codes, and 金厝边 teams are Fuzhou's", () => {
    expect(plan.teams.filter((t) => /\d/.test(t.name)).map((t) => t.name)).toEqual([]);
    expect(plan.teams.filter((t) => t.name.includes('金厝边') && !t.regionCode.startsWith('3501')).map((t) => t.name)).toEqual([]);
    expect(plan.teams.filter((t) => t.kind === 'RESIDENT_GROUP' && !plan.pilots.some((p) => p.regionCode === t.regionCode))).toEqual([]);
  });
});

describe("the demo seed's organisations and stations (seed 001)", () => {
  const population = demoPopulation();
  const TODAY = '2026-11-23';
  const stationsPlan = planStationsSeed(OPTIONS.seed, population, TODAY);
  const stations = stationsPlan.stations;
  const nameOf = new Map(population.organizations.map((o) => [o.id, o.name]));

  it('when organisations are listed, then none is stored twice under its short and full name', () => {
    const names = population.organizations.map((o) => o.name);
    expect(names.filter((n) => names.some((m) => m !== n && m.endsWith(n) && m.length - n.length <= 3))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('when 洛江区 stations are read, then they are run by the operators seed 001 names, four or more of them', () => {
    const operator = (name: string) => nameOf.get(stations.find((s) => s.name === name)!.operatorId!);
    expect(operator('洋坑村爱邻舍驿站')).toBe('洛江区爱邻舍社会工作服务中心');
    expect(operator('双阳警务岗亭驿站')).toBe('洛江区公安分局');
    expect(operator('新民村文明实践驿站')).toBe('刺桐花微公益协会');
    expect(operator('石龙谷景区驿站')).toBe('洛江区石龙谷景区');
    const luojiang = stations.filter((s) => s.regionCode.startsWith('350504'));
    expect(new Set(luojiang.map((s) => s.operatorId)).size).toBeGreaterThanOrEqual(4);
  });

  it('when the rota is read, then its past eight weeks were worked: most slots claimed, most claimed ones checked in around the start and out around the end', () => {
    const worked = new Set(stationsPlan.slots.filter((s) => s.claimedBy).map((s) => s.stationId));
    const slots = stationsPlan.slots.filter((s) => worked.has(s.stationId));
    const past = slots.filter((s) => s.date < TODAY);
    expect(new Set(past.map((s) => s.date)).size).toBe(56);
    const claimed = past.filter((s) => s.claimedBy);
    expect(claimed.length / past.length).toBeGreaterThan(0.75);
    expect(claimed.length / past.length).toBeLessThan(0.98);
    const done = claimed.filter((s) => s.checkedInAt && s.checkedOutAt);
    expect(done.length / claimed.length).toBeGreaterThan(0.85);
    expect(done.length).toBeLessThan(claimed.length); // some no-shows
    const minutes = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;
    const odd = done.filter(
      (s) =>
        Math.abs(minutes(s.startsAt, s.checkedInAt!)) > 30 ||
        Math.abs(minutes(s.endsAt, s.checkedOutAt!)) > 45 ||
        minutes(s.checkedInAt!, s.checkedOutAt!) < 150 ||
        minutes(s.checkedInAt!, s.checkedOutAt!) > 270,
    );
    expect(odd).toEqual([]);
    expect(past.filter((s) => s.claimedBy && (!s.onDuty || s.claimedAt! >= s.startsAt))).toEqual([]);
    // A unit sends a handful of its own people, not anyone of the district.
    const onDuty = new Map<string, Set<string>>();
    for (const s of claimed) onDuty.set(s.claimedBy!, (onDuty.get(s.claimedBy!) ?? new Set()).add(s.onDuty!));
    expect([...onDuty.values()].filter((people) => people.size > 8)).toEqual([]);
    expect(slots.filter((s) => s.checkedInAt && !s.claimedBy)).toEqual([]);
  });

  it('when the rota is read, then the coming four weeks are not yet worked, a realistic share is claimed, and less the further ahead', () => {
    const worked = new Set(stationsPlan.slots.filter((s) => s.claimedBy).map((s) => s.stationId));
    const ahead = stationsPlan.slots.filter((s) => worked.has(s.stationId) && s.date >= TODAY);
    expect(new Set(ahead.map((s) => s.date)).size).toBe(28);
    expect(ahead.filter((s) => s.checkedInAt || s.checkedOutAt)).toEqual([]);
    const share = (week: number) => {
      const of = ahead.filter((s) => s.date >= addDays(TODAY, 7 * week) && s.date < addDays(TODAY, 7 * week + 7));
      return of.filter((s) => s.claimedBy).length / of.length;
    };
    const all = ahead.filter((s) => s.claimedBy).length / ahead.length;
    expect(all).toBeGreaterThan(0.25);
    expect(all).toBeLessThan(0.7);
    expect(share(0)).toBeGreaterThan(0.7);
    expect(share(0)).toBeGreaterThan(share(1));
    expect(share(1)).toBeGreaterThan(share(3));
    expect(share(3)).toBeLessThan(0.3);
    expect(ahead.filter((s) => s.claimedBy && s.claimedAt! >= new Date(`${TODAY}T00:00:00+08:00`))).toEqual([]);
  });

  it("when stations' helps are read, then each offers two or more, each help is offered by some and not all, and orders ask for a help the station offers", () => {
    expect(stations.filter((s) => s.helps.length < 2).map((s) => s.name)).toEqual([]);
    for (const help of HELP_KINDS) {
      const offering = stations.filter((s) => s.helps.includes(help)).length;
      expect([help, offering > 0 && offering < stations.length]).toEqual([help, true]);
    }
    expect(new Set(stations.map((s) => s.helps.join())).size).toBeGreaterThan(5);
    const helpsOf = new Map(stations.map((s) => [s.id, s.helps as string[]]));
    expect(stationsPlan.orders.filter((o) => !helpsOf.get(o.stationId)!.includes(o.help))).toEqual([]);
  });

  it("when community centres are read, then every community of the directory has one, in Fujian and inside its district's circle, as every station is", () => {
    const communities = readRegions().filter((r) => r.code.length === 12);
    expect(communities.length).toBe(17_498);
    const centre = new Map(stationsPlan.centres.map(([code, , lat, lon]) => [code, [lat, lon] as [number, number]]));
    expect(communities.filter((c) => !centre.has(c.code)).map((c) => c.code)).toEqual([]);
    const b = FUJIAN_BOUNDS;
    const inFujian = ([lat, lon]: [number, number]) => lat > b.south && lat < b.north && lon > b.west && lon < b.east;
    const outside = (code: string, at: [number, number]) => {
      const [lat, lon, radius] = DISTRICT_AREAS[code.slice(0, 6)];
      return !inFujian(at) || kmBetween([lat, lon], at) > radius;
    };
    expect(stations.filter((s) => outside(s.regionCode, [s.latitude, s.longitude])).map((s) => s.name)).toEqual([]);
    expect([...centre].filter(([code, at]) => outside(code, at))).toEqual([]);
    // Spread, not stacked: hardly two communities share a point, and a street's communities lie near one another.
    expect(new Set([...centre.values()].map((at) => at.join())).size).toBeGreaterThan(centre.size * 0.99);
    const streets = new Map<string, [number, number][]>();
    for (const [code, at] of centre) streets.set(code.slice(0, 9), [...(streets.get(code.slice(0, 9)) ?? []), at]);
    const wide = [...streets].filter(([, points]) => points.some((p) => points.some((q) => kmBetween(p, q) > 25)));
    expect(wide.map(([street]) => street)).toEqual([]);
  });
});
