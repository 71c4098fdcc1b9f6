import type { SeedPopulation } from '../subgraphModule';
import { SeededRandom } from '../random';

/**
 * A directory in miniature for the scaled seeds' tests: `perCommunity` people of
 * every age in each of `communities` communities of 洛江区 and 马尾区 (named, as the
 * directory hands regions on), with government units, associations and a
 * social-work agency in each district. Ids drawn from `seed`, so it is the same on
 * every run.
 */
export function miniatureDirectory(seed: number, communities = 24, perCommunity = 40): SeedPopulation {
  const random = new SeededRandom(seed);
  const districts = ['350504', '350105'];
  const regions: { code: string; name: string }[] = [];
  const people: SeedPopulation['people'] = [];
  for (const [d, district] of districts.entries()) {
    regions.push({ code: district, name: d ? '马尾区' : '洛江区' });
    for (let street = 1; street <= 3; street++) regions.push({ code: `${district}00${street}`, name: `第${street}街道` });
    for (let c = 0; c < communities / districts.length; c++) {
      const code = `${district}00${1 + (c % 3)}${String(200 + c).padStart(3, '0')}`;
      regions.push({ code, name: `试点${d}${c}村民委员会` });
      for (let n = 0; n < perCommunity; n++) {
        people.push({ id: random.uuid(), gender: random.chance(0.5) ? 'MALE' : 'FEMALE', birthDate: `${random.int(1930, 2010)}-06-15`, regionCode: code });
      }
    }
  }
  const organizations = districts.flatMap((district) => [
    { id: random.uuid(), name: `${district}民政局`, kind: 'GOVERNMENT_UNIT', regionCode: district },
    { id: random.uuid(), name: `${district}街道办`, kind: 'GOVERNMENT_UNIT', regionCode: `${district}001` },
    { id: random.uuid(), name: `${district}志愿者协会`, kind: 'ASSOCIATION', regionCode: district },
    { id: random.uuid(), name: `${district}社会工作服务中心`, kind: 'SOCIAL_WORK_AGENCY', regionCode: district },
  ]);
  return { people, organizations, regions };
}
