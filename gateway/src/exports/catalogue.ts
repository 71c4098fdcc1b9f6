import { gatewayOperation, type GatewayOperation } from '../operations';
import { chinaTime, type Column, type Terms, yesNo } from './columns';

/** Fujian, the graph's province: a list asked without `?code=` covers it all. */
const PROVINCE = '35';
/** Region.canteens answers at most 100, in one call. */
const CANTEENS_AT_MOST = 100;

/** One export: its URL name, its Chinese title (file and sheet name), the registered operation it asks and its columns. */
export interface ExportDefinition {
  name: string;
  title: string;
  operation: GatewayOperation;
  /** what `?code=` is to it: required (the streets of a region), optional (a list in a region, else all Fujian) or not taken */
  code: 'required' | 'optional' | 'none';
  variables: (code: string | null) => Record<string, unknown>;
  /**
   * A list answered in one call: its rows from the answer, null when the region is
   * unknown (404). Without it the list is a connection under `list`, paged by cursor.
   */
  rows?: (data: any) => any[] | null;
  columns: Column[];
}

const region = (code: string | null) => ({ regionCode: code });
const regionColumns: Column[] = [
  { header: '区划代码', field: 'region.code', value: (n) => n.region?.code ?? null, width: 14 },
  { header: '所属区划', field: 'region.name', value: (n) => n.region?.name ?? null, width: 16 },
];
const figure = (header: string, stats: string, field: string): Column => ({
  header,
  field: `${stats}.${field}`,
  value: (n) => n[stats]?.[field] ?? null,
  width: 12,
});

/** Every export the gateway serves at /export/<name>.csv and .xlsx (README "Exports" lists their columns). */
export function exportCatalogue({ term, terms }: Terms): ExportDefinition[] {
  return [
    {
      // The dashboard's table: one row per street or town (the regions below `code`), its figures as the dashboard shows them.
      name: 'streets',
      title: '街道乡镇统计',
      operation: gatewayOperation('ExportStreets'),
      code: 'required',
      variables: (code) => ({ code }),
      rows: (data) => (data.region ? data.region.selfAndChildren.slice(1) : null),
      columns: [
        { header: '区划代码', field: 'code', value: (n) => n.code, width: 14 },
        { header: '名称', field: 'name', value: (n) => n.name, width: 16 },
        figure('老人', 'elderCare', 'elders'),
        figure('待接单请求', 'elderCare', 'openRequests'),
        figure('已完成服务', 'elderCare', 'completedServices'),
        figure('存入时长(小时)', 'elderCare', 'hoursDeposited'),
        figure('退役军人', 'veterans', 'veterans'),
        figure('退役军人队伍', 'veterans', 'teams'),
        figure('退役军人活动', 'veterans', 'activities'),
        figure('驿站', 'stationStats', 'stations'),
        figure('已认证驿站', 'stationStats', 'certified'),
        figure('待处理订单', 'stationStats', 'openOrders'),
        figure('考评', 'assessmentSummary', 'assessments'),
        figure('平均得分', 'assessmentSummary', 'averageScore'),
      ],
    },
    {
      name: 'stations',
      title: '驿站名录',
      operation: gatewayOperation('ExportStations'),
      code: 'optional',
      variables: region,
      columns: [
        { header: '编号', field: 'id', value: (n) => n.id, width: 38 },
        { header: '名称', field: 'name', value: (n) => n.name, width: 24 },
        { header: '类型', field: 'kind', value: (n) => term('StationKind')(n.kind), width: 16 },
        { header: '状态', field: 'status', value: (n) => term('StationStatus')(n.status), width: 8 },
        { header: '地址', field: 'address', value: (n) => n.address, width: 30 },
        ...regionColumns,
        { header: '纬度', field: 'latitude', value: (n) => n.latitude, width: 10 },
        { header: '经度', field: 'longitude', value: (n) => n.longitude, width: 10 },
        { header: '服务半径(米)', field: 'coverageRadiusMeters', value: (n) => n.coverageRadiusMeters, width: 12 },
        { header: '覆盖人口', field: 'peopleCovered', value: (n) => n.peopleCovered, width: 10 },
        { header: '开放时间', field: 'openingHours', value: (n) => n.openingHours || null, width: 24 },
        { header: '服务项目', field: 'helps', value: (n) => terms('HelpKind')(n.helps), width: 20 },
        { header: '便民设施', field: 'amenities', value: (n) => terms('Amenity')(n.amenities), width: 24 },
        { header: '运营机构', field: 'operator.name', value: (n) => n.operator?.name ?? null, width: 24 },
        { header: '已认证', field: 'certified', value: (n) => yesNo(n.certified), width: 8 },
        { header: '最新考评得分', field: 'latestScore', value: (n) => n.latestScore ?? null, width: 12 },
      ],
    },
    {
      name: 'organizations',
      title: '组织名录',
      operation: gatewayOperation('ExportOrganizations'),
      code: 'optional',
      variables: region,
      columns: [
        { header: '编号', field: 'id', value: (n) => n.id, width: 38 },
        { header: '名称', field: 'name', value: (n) => n.name, width: 28 },
        { header: '类型', field: 'kind', value: (n) => term('OrganizationKind')(n.kind), width: 12 },
        { header: '统一社会信用代码', field: 'creditCode', value: (n) => n.creditCode ?? null, width: 22 },
        { header: '等级', field: 'grade', value: (n) => n.grade ?? null, width: 8 },
        { header: '注销日期', field: 'endedOn', value: (n) => n.endedOn ?? null, width: 12 },
        ...regionColumns,
      ],
    },
    {
      name: 'veteran-activities',
      title: '退役军人活动',
      operation: gatewayOperation('ExportVeteranActivities'),
      code: 'optional',
      variables: region,
      columns: [
        { header: '编号', field: 'id', value: (n) => n.id, width: 38 },
        { header: '活动', field: 'title', value: (n) => n.title, width: 28 },
        { header: '类型', field: 'kind', value: (n) => term('VeteranActivityKind')(n.kind), width: 12 },
        { header: '队伍', field: 'team.name', value: (n) => n.team?.name ?? null, width: 20 },
        ...regionColumns,
        { header: '地点', field: 'place', value: (n) => n.place ?? null, width: 20 },
        { header: '开始时间', field: 'startsAt', value: (n) => chinaTime(n.startsAt), width: 17 },
        { header: '结束时间', field: 'endsAt', value: (n) => chinaTime(n.endsAt), width: 17 },
        { header: '参加人数', field: 'attendeeCount', value: (n) => n.attendeeCount, width: 10 },
        { header: '服务时长(小时)', field: 'totalHours', value: (n) => n.totalHours, width: 12 },
        { header: '合作机构', field: 'partner.name', value: (n) => n.partner?.name ?? null, width: 24 },
      ],
    },
    {
      name: 'canteens',
      title: '长者食堂',
      operation: gatewayOperation('ExportCanteens'),
      code: 'optional',
      variables: (code) => ({ code: code ?? PROVINCE, first: CANTEENS_AT_MOST }),
      rows: (data) => (data.region ? (data.region.canteens ?? []) : null),
      columns: [
        { header: '编号', field: 'id', value: (n) => n.id, width: 38 },
        { header: '名称', field: 'name', value: (n) => n.name, width: 24 },
        { header: '状态', field: 'status', value: (n) => term('CanteenStatus')(n.status), width: 8 },
        { header: '地址', field: 'address', value: (n) => n.address, width: 30 },
        ...regionColumns,
        { header: '供餐时间', field: 'servingHours', value: (n) => n.servingHours, width: 24 },
        { header: '座位', field: 'seats', value: (n) => n.seats, width: 8 },
        { header: '餐价(元)', field: 'mealPrice', value: (n) => n.mealPrice, width: 10 },
        { header: '运营机构', field: 'operator.name', value: (n) => n.operator?.name ?? null, width: 24 },
      ],
    },
    {
      name: 'service-requests',
      title: '助老服务请求',
      operation: gatewayOperation('ExportServiceRequests'),
      code: 'none',
      variables: () => ({}),
      columns: [
        { header: '编号', field: 'id', value: (n) => n.id, width: 38 },
        { header: '服务类别', field: 'category', value: (n) => term('ServiceCategory')(n.category), width: 10 },
        { header: '状态', field: 'status', value: (n) => term('ServiceRequestStatus')(n.status), width: 10 },
        // The street only for callers who see its exact figures (disclosure control); the district for all.
        { header: '区县代码', field: 'district.code', value: (n) => n.district?.code ?? null, width: 10 },
        { header: '区县', field: 'district.name', value: (n) => n.district?.name ?? null, width: 12 },
        { header: '街道乡镇代码', field: 'street.code', value: (n) => n.street?.code ?? null, width: 14 },
        { header: '街道乡镇', field: 'street.name', value: (n) => n.street?.name ?? null, width: 16 },
        { header: '提出时间', field: 'requestedAt', value: (n) => chinaTime(n.requestedAt), width: 17 },
        { header: '更新时间', field: 'updatedAt', value: (n) => chinaTime(n.updatedAt), width: 17 },
      ],
    },
    {
      name: 'station-orders',
      title: '驿站点单',
      operation: gatewayOperation('ExportStationOrders'),
      code: 'none',
      variables: () => ({}),
      columns: [
        { header: '编号', field: 'id', value: (n) => n.id, width: 38 },
        { header: '服务项目', field: 'help', value: (n) => term('HelpKind')(n.help), width: 10 },
        { header: '状态', field: 'status', value: (n) => term('StationOrderStatus')(n.status), width: 10 },
        // The station only for callers who see its region's exact figures (disclosure control); the district for all.
        { header: '区县代码', field: 'district.code', value: (n) => n.district?.code ?? null, width: 10 },
        { header: '区县', field: 'district.name', value: (n) => n.district?.name ?? null, width: 12 },
        { header: '驿站', field: 'station.name', value: (n) => n.station?.name ?? null, width: 24 },
        { header: '区划代码', field: 'station.region.code', value: (n) => n.station?.region?.code ?? null, width: 14 },
        { header: '所属区划', field: 'station.region.name', value: (n) => n.station?.region?.name ?? null, width: 16 },
        { header: '下单时间', field: 'placedAt', value: (n) => chinaTime(n.placedAt), width: 17 },
        { header: '更新时间', field: 'updatedAt', value: (n) => chinaTime(n.updatedAt), width: 17 },
      ],
    },
    {
      // Not public: the graph answers the officers of the region (FORBIDDEN otherwise), as it does over GraphQL.
      name: 'service-teams',
      title: '助老服务队伍',
      operation: gatewayOperation('ExportServiceTeams'),
      code: 'optional',
      variables: region,
      columns: [
        { header: '编号', field: 'id', value: (n) => n.id, width: 38 },
        { header: '名称', field: 'name', value: (n) => n.name, width: 24 },
        { header: '类型', field: 'kind', value: (n) => term('TeamKind')(n.kind), width: 14 },
        ...regionColumns,
      ],
    },
  ];
}
