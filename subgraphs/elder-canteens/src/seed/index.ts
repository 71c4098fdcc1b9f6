import type { DataSource } from 'typeorm';
import { addDays, chinaToday, type SeedOptions } from '@civic/shared';
import { categoryFor, subsidyCents } from '../domain/subsidy';

/** Canteens at the places the seeds name, then in the communities with the most elders, up to the size's limit. */
const NAMED = [
  { name: '新港社区长者食堂', regionCode: '350105001004', address: '马尾区罗星街道新港社区邻里中心一层' },
  { name: '闽江村长者食堂', regionCode: '350105102227', address: '马尾区琅岐镇闽江村老年活动中心' },
  { name: '万福社区长者食堂', regionCode: '350504001001', address: '洛江区万安街道万福社区党群服务中心旁' },
  { name: '深田社区长者食堂', regionCode: '350203007010', address: '思明区开元街道深田社区服务站' },
  { name: '嘉福社区长者食堂', regionCode: '350206002011', address: '湖里区殿前街道嘉福社区居家养老服务站' },
  { name: '金安社区长者食堂', regionCode: '350206005023', address: '湖里区金山街道金安社区长者中心' },
];
const MORE = { demo: 14, city: 120 } as const;
const MEAL_DAYS = { demo: 14, city: 30 } as const;

/**
 * Canteens run by the social-work agencies of the directory, the elders of
 * elder-care near them as diners, and their recent lunches and dinners. No random
 * generator is needed: which meals an elder ate follows from the seed number.
 */
export async function seedElderCanteens(db: DataSource, options: SeedOptions): Promise<void> {
  const agencies = (options.population?.organizations ?? []).filter((o) => o.kind === 'SOCIAL_WORK_AGENCY');
  const elders = options.population?.elders ?? [];
  const named = new Set(NAMED.map((c) => c.regionCode));
  // Where most elders live, first: that is where a canteen is opened.
  const eldersIn = new Map<string, number>();
  for (const e of elders) eldersIn.set(e.regionCode, (eldersIn.get(e.regionCode) ?? 0) + 1);
  const elderCommunities = [...eldersIn.keys()].filter((c) => !named.has(c)).sort((a, b) => eldersIn.get(b)! - eldersIn.get(a)! || a.localeCompare(b));
  const canteens = [
    ...NAMED,
    ...elderCommunities.slice(0, MORE[options.size === 'province' ? 'city' : options.size]).map((regionCode, i) => ({
      name: `长者食堂 ${regionCode.slice(-6)}`,
      regionCode,
      address: `社区长者服务中心 ${i + 1} 号`,
    })),
  ].map((c, i) => ({
    ...c,
    operatorId: agencies.length ? agencies[(i + options.seed) % agencies.length].id : null,
    seats: 30 + ((i * 7 + options.seed) % 5) * 10,
    priceCents: 1000 + ((i + options.seed) % 6) * 100, // 10 to 15 yuan a meal
  }));
  const opened: { id: string; region_code: string; meal_price_cents: number }[] = await db.query(
    `INSERT INTO elder_canteens.canteen (name, region_code, address, operator_id, seats, meal_price_cents, serving_hours)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::int[], $6::int[], $7::text[])
     ON CONFLICT (region_code, name) DO NOTHING
     RETURNING id, region_code, meal_price_cents`,
    [
      canteens.map((c) => c.name),
      canteens.map((c) => c.regionCode),
      canteens.map((c) => c.address),
      canteens.map((c) => c.operatorId),
      canteens.map((c) => c.seats),
      canteens.map((c) => c.priceCents),
      canteens.map(() => '11:00-12:30, 17:00-18:00'),
    ],
  );

  // An elder eats at the canteen of their own community; most who have one enrol.
  const byCommunity = new Map(opened.map((c) => [c.region_code, c]));
  const diners = elders
    .map((elder, i) => ({ elder, canteen: byCommunity.get(elder.regionCode), i }))
    .filter((d): d is typeof d & { canteen: NonNullable<typeof d.canteen> } => !!d.canteen && (d.i + options.seed) % 5 !== 0);
  await db.query(
    `INSERT INTO elder_canteens.diner (elder_id, canteen_id, region_code, subsidy_category, enrolled_on)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[])`,
    [
      diners.map((d) => d.elder.id),
      diners.map((d) => d.canteen.id),
      diners.map((d) => d.canteen.region_code),
      diners.map((d) => categoryFor(d.elder.conditions)),
      diners.map(() => addDays(chinaToday(), -MEAL_DAYS[options.size === 'province' ? 'city' : options.size] - 30)),
    ],
  );

  const meals: [string, string, string, string, string, number, number][] = [];
  const today = chinaToday();
  for (const { elder, canteen, i } of diners) {
    const subsidy = subsidyCents(categoryFor(elder.conditions), canteen.meal_price_cents);
    for (let day = 1; day <= MEAL_DAYS[options.size === 'province' ? 'city' : options.size]; day += 1) {
      const servedOn = addDays(today, -day);
      if ((i + day + options.seed) % 4 !== 0) meals.push([canteen.id, elder.id, canteen.region_code, servedOn, 'LUNCH', canteen.meal_price_cents, subsidy]);
      if ((i * 3 + day + options.seed) % 3 === 0)
        meals.push([canteen.id, elder.id, canteen.region_code, servedOn, 'DINNER', canteen.meal_price_cents, subsidy]);
    }
  }
  const column = (k: number) => meals.map((m) => m[k]);
  await db.query(
    `INSERT INTO elder_canteens.meal (canteen_id, elder_id, region_code, served_on, meal, price_cents, subsidy_cents)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::text[], $6::int[], $7::int[])`,
    [column(0), column(1), column(2), column(3), column(4), column(5), column(6)],
  );
}
