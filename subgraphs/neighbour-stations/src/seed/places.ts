import type { NewStation } from '../domain/stationInput';
import type { HelpKind, StationMode } from '../domain/vocabulary';

/** A station the seeds place (in the community of its `regionCode`), as the registry would take it. */
export interface NamedStation extends Pick<NewStation, 'name' | 'kind' | 'regionCode' | 'latitude' | 'longitude' | 'address' | 'peopleCovered'> {
  coverageRadiusM?: number;
  mode?: StationMode;
  /** an organisation the seeds name as running it (matched by name in the directory) */
  operatorName?: string;
  /** parallel mode: the station's teams and the help each serves */
  teams?: [string, HelpKind][];
}

/**
 * Stations at real places (approximate WGS 84 positions inside the right
 * community): the ones the seeds name in 洛江区 and 马尾区, the Xiamen communities
 * of seed 004, and one in a central community of each other city.
 */
export const NAMED_STATIONS: NamedStation[] = [
  { name: '洛阳桥驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350504001002', latitude: 24.9542, longitude: 118.6817, address: '洛江区万安街道桥南社区洛阳桥南岸', peopleCovered: 8_000, operatorName: '洛江区义工联合会' },
  { name: '万福社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350504001001', latitude: 24.9452, longitude: 118.6705, address: '洛江区万安街道万福社区小区业委会办公室', peopleCovered: 21_000, coverageRadiusM: 1500 },
  { name: '新民村文明实践驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350504101220', latitude: 25.0313, longitude: 118.5862, address: '洛江区马甲镇新民村村部', peopleCovered: 3_200, operatorName: '刺桐花微公益协会' },
  {
    name: '永安村文明实践驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350504101211', latitude: 25.0528, longitude: 118.5645, address: '洛江区马甲镇永安村村部', peopleCovered: 2_800, mode: 'PARALLEL', operatorName: '洛江区志愿者协会',
    teams: [['党员先锋志愿服务队', 'HARDSHIP'], ['夕阳生辉志愿服务队', 'ELDERLY'], ['乡贤参事志愿服务队', 'EDUCATION'], ['青年突击志愿服务队', 'MEDICAL'], ['巾帼志愿服务队', 'CHILDREN']],
  },
  { name: '洋坑村爱邻舍驿站', kind: 'MUTUAL_AID', regionCode: '350504101213', latitude: 25.0700, longitude: 118.5330, address: '洛江区马甲镇洋坑村', peopleCovered: 1_900, operatorName: '洛江区爱邻舍社会工作服务中心' },
  { name: '双阳警务岗亭驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350504002001', latitude: 24.9850, longitude: 118.6270, address: '洛江区双阳街道阳山社区', peopleCovered: 4_500, operatorName: '洛江区公安分局' },
  { name: '新港社区志愿服务驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350105001004', latitude: 25.9905, longitude: 119.4520, address: '马尾区罗星街道新港社区', peopleCovered: 6_000 },
  { name: '罗星社区邻里互助驿站', kind: 'MUTUAL_AID', regionCode: '350105001003', latitude: 25.9950, longitude: 119.4440, address: '马尾区罗星街道罗星社区', peopleCovered: 5_200, operatorName: '马尾区乐龄社会工作服务中心' },
  { name: '船政社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350105100003', latitude: 25.9985, longitude: 119.4395, address: '马尾区马尾镇船政社区', peopleCovered: 4_100 },
  { name: '东岐村退役军人服务站', kind: 'VETERAN_SERVICE', regionCode: '350105101210', latitude: 26.0765, longitude: 119.5340, address: '马尾区亭江镇东岐村荣誉馆旁', peopleCovered: 2_300, operatorName: '马尾区退役军人服务中心' },
  { name: '闽江村邻里互助驿站', kind: 'MUTUAL_AID', regionCode: '350105102227', latitude: 26.0880, longitude: 119.6020, address: '马尾区琅岐镇闽江村', peopleCovered: 2_600, operatorName: '马尾区红色义工联合会' },
  { name: '深田社区近邻驿站', kind: 'MUTUAL_AID', regionCode: '350203007010', latitude: 24.4700, longitude: 118.1080, address: '思明区开元街道深田社区', peopleCovered: 9_000 },
  { name: '嘉福社区近邻驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350206002011', latitude: 24.5330, longitude: 118.1120, address: '湖里区殿前街道嘉福社区', peopleCovered: 12_000 },
  { name: '金安社区近邻驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350206005023', latitude: 24.5100, longitude: 118.1850, address: '湖里区金山街道金安社区', peopleCovered: 10_000 },
  { name: '中山社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350102001001', latitude: 26.0880, longitude: 119.3030, address: '鼓楼区鼓东街道中山社区', peopleCovered: 7_000 },
  { name: '站前社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350111001001', latitude: 26.1070, longitude: 119.3190, address: '晋安区茶园街道站前社区', peopleCovered: 6_500 },
  { name: '金山社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350502001001', latitude: 24.9050, longitude: 118.5880, address: '鲤城区海滨街道金山社区', peopleCovered: 5_500 },
  { name: '青新社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350582001004', latitude: 24.8100, longitude: 118.5800, address: '晋江市青阳街道青新社区', peopleCovered: 6_200 },
  { name: '东门社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350802001001', latitude: 25.0990, longitude: 117.0340, address: '新罗区东城街道东门社区', peopleCovered: 5_800 },
  { name: '金宝社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350602001001', latitude: 24.5100, longitude: 117.6600, address: '芗城区东铺头街道金宝社区', peopleCovered: 5_000 },
  { name: '太平社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350302001001', latitude: 25.4350, longitude: 119.0040, address: '城厢区龙桥街道太平社区', peopleCovered: 4_800 },
  { name: '江滨社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350404001001', latitude: 26.2690, longitude: 117.6350, address: '三元区列东街道江滨社区', peopleCovered: 4_200 },
  { name: '中山社区驿站(延平)', kind: 'VOLUNTEER_SERVICE', regionCode: '350702001001', latitude: 26.6410, longitude: 118.1750, address: '延平区梅山街道中山社区', peopleCovered: 4_000 },
  { name: '海滨社区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350902001001', latitude: 26.6560, longitude: 119.5300, address: '蕉城区蕉南街道海滨社区', peopleCovered: 4_400 },
  // Seed 001's scenic-area station, last so the stations before it keep their seeded ids; its village is approximate.
  { name: '石龙谷景区驿站', kind: 'VOLUNTEER_SERVICE', regionCode: '350504100201', latitude: 25.1330, longitude: 118.6050, address: '洛江区罗溪镇石龙谷景区服务窗口', peopleCovered: 1_500, operatorName: '洛江区石龙谷景区' },
];

/**
 * Approximate centres of the communities of 万安街道 (洛江区) and 罗星街道 (马尾区),
 * surveyed with the station areas, for "which communities have no station near".
 */
export const COMMUNITY_CENTRES: [string, string, number, number][] = [
  ['350504001001', '万福社区', 24.9440, 118.6690],
  ['350504001002', '桥南社区', 24.9530, 118.6800],
  ['350504001003', '后埭社区', 24.9480, 118.6620],
  ['350504001004', '杏宅社区', 24.9380, 118.6560],
  ['350504001005', '琯头社区', 24.9560, 118.6680],
  ['350504001006', '塘西社区', 24.9600, 118.6560],
  ['350504001007', '院前社区', 24.9400, 118.6780],
  ['350504001008', '万盛社区', 24.9350, 118.6700],
  ['350105001001', '沿山社区', 25.9960, 119.4560],
  ['350105001002', '马限社区', 25.9920, 119.4470],
  ['350105001003', '罗星社区', 25.9945, 119.4445],
  ['350105001004', '新港社区', 25.9900, 119.4530],
  ['350105001005', '培英社区', 25.9880, 119.4600],
  ['350105001007', '君山社区', 26.0010, 119.4650],
];
