import { Faker, base, zh_CN } from '@faker-js/faker';
import type { OrganizationKind } from '@civic/shared';
import type { RegionRecord } from './regions';

export interface SeedOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  regionCode: string;
}

/** Organisations named in the seed documents, at their real places. */
const NAMED: Omit<SeedOrganization, 'id'>[] = [
  { name: '福州市民政局', kind: 'GOVERNMENT_UNIT', regionCode: '3501' },
  { name: '马尾区退役军人服务中心', kind: 'GOVERNMENT_UNIT', regionCode: '350105' },
  { name: '泉州市洛江区民政局', kind: 'GOVERNMENT_UNIT', regionCode: '350504' },
  { name: '洛江区公安分局', kind: 'GOVERNMENT_UNIT', regionCode: '350504' },
  { name: '洛江区志愿者协会', kind: 'ASSOCIATION', regionCode: '350504' },
  { name: '洛江区义工联合会', kind: 'ASSOCIATION', regionCode: '350504' },
  { name: '洛江区青年志愿者协会', kind: 'ASSOCIATION', regionCode: '350504' },
  { name: '洛江区爱邻舍社会工作服务中心', kind: 'SOCIAL_WORK_AGENCY', regionCode: '350504' },
  // Seed 001: 刺桐花微公益 is one of the three associations running village stations; 石龙谷景区 turned its service window into one.
  { name: '刺桐花微公益协会', kind: 'ASSOCIATION', regionCode: '350504' },
  { name: '洛江区石龙谷景区', kind: 'ENTERPRISE', regionCode: '350504' },
  { name: '马尾区红色义工联合会', kind: 'ASSOCIATION', regionCode: '350105' },
  { name: '马尾区乐龄社会工作服务中心', kind: 'SOCIAL_WORK_AGENCY', regionCode: '350105' },
  { name: '思明区长者食堂服务中心', kind: 'SOCIAL_ORGANIZATION', regionCode: '350203' },
];

const DISTRICT_UNITS: [string, OrganizationKind][] = [
  ['民政局', 'GOVERNMENT_UNIT'],
  ['卫生健康局', 'GOVERNMENT_UNIT'],
  ['退役军人事务局', 'GOVERNMENT_UNIT'],
  ['志愿者协会', 'ASSOCIATION'],
  ['老年协会', 'ASSOCIATION'],
  ['社会工作服务中心', 'SOCIAL_WORK_AGENCY'],
  ['慈善总会', 'SOCIAL_ORGANIZATION'],
  ['社会组织孵化中心', 'SOCIAL_ORGANIZATION'],
];

const ENTERPRISE_TRADES = ['家政服务', '养老服务', '物业管理', '医药连锁', '餐饮管理', '康复护理'];

/**
 * The named organisations plus, for each district given, its usual units and a
 * few local enterprises and street-level agencies, deterministic from the seed.
 */
export function generateOrganizations(seed: number, districts: RegionRecord[], streets: RegionRecord[]): SeedOrganization[] {
  const faker = new Faker({ locale: [zh_CN, base], seed });
  const organizations: Omit<SeedOrganization, 'id'>[] = [...NAMED];
  for (const district of districts) {
    for (const [suffix, kind] of DISTRICT_UNITS) {
      const name = `${district.name}${suffix}`;
      // A named organisation is the same unit under its full name (泉州市洛江区民政局 is 洛江区民政局): not stored twice.
      if (NAMED.some((o) => o.regionCode === district.code && o.name.endsWith(name))) continue;
      organizations.push({ name, kind, regionCode: district.code });
    }
  }
  for (const street of streets) {
    if (faker.number.float() < 0.3) {
      organizations.push({ name: `${street.name}社工站`, kind: 'SOCIAL_WORK_AGENCY', regionCode: street.code });
    }
    if (faker.number.float() < 0.2) {
      // Local service firms, named as such firms are registered: place, trade, form.
      const trade = faker.helpers.arrayElement(ENTERPRISE_TRADES);
      organizations.push({ name: `${street.name}${trade}有限公司`, kind: 'ENTERPRISE', regionCode: street.code });
    }
  }
  const seen = new Set<string>();
  return organizations.filter((o) => !seen.has(o.name) && seen.add(o.name)).map((o) => ({ ...o, id: faker.string.uuid() }));
}
