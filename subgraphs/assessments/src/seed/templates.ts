import type { SubjectType } from '../domain/vocabulary';

export interface TemplateDefinition {
  code: string;
  name: string;
  subjectType: SubjectType;
  certificationThreshold: number | null;
  grades: { grade: string; minScore: number }[];
  bonusRules: { minScore: number; points: number }[];
  categories: { name: string; items: { name: string; guidance: string; maxScore: number; weight?: number }[] }[];
}

/** The grades the city's evaluations use (优秀 / 良好 / 合格 / 不合格). */
const FOUR_GRADES = [
  { grade: '优秀', minScore: 90 },
  { grade: '良好', minScore: 80 },
  { grade: '合格', minScore: 60 },
  { grade: '不合格', minScore: 0 },
];

/**
 * 《福州市"金厝边"为老志愿服务量化考核表》(seed 000): 5 categories, 18 items, 100
 * points. The seed names no items, so they follow the programme's "12345": 1 station,
 * 2 service modes, 3 teams, 4 service categories, 5 time-bank incentives. Pilots
 * (communities) that do well earn bonus points in the annual elder-care review.
 */
export const JINCUOBIAN: TemplateDefinition = {
  code: 'JINCUOBIAN_ELDER_CARE',
  name: '福州市"金厝边"为老志愿服务量化考核表',
  subjectType: 'REGION',
  certificationThreshold: null,
  grades: FOUR_GRADES,
  bonusRules: [
    { minScore: 90, points: 2 },
    { minScore: 80, points: 1 },
  ],
  categories: [
    {
      name: '组织领导',
      items: [
        { name: '成立试点工作专班', guidance: '街道、社区成立专班，明确分管领导和联络员', maxScore: 5 },
        { name: '制定实施方案', guidance: '对照市级方案制定社区实施方案，明确思路、内容和步骤', maxScore: 5 },
        { name: '挂钩包片督导', guidance: '局领导挂钩包片，"四不两直"下沉督导有记录', maxScore: 5 },
      ],
    },
    {
      name: '阵地建设',
      items: [
        { name: '建成邻里互助驿站', guidance: '每个试点社区建成1个邻里互助驿站并投入使用', maxScore: 6 },
        { name: '标识与制度上墙', guidance: '统一标识，服务制度、服务项目和联系方式公示', maxScore: 4 },
        { name: '设施物资配备', guidance: '助餐、探访、义诊、陪伴所需设施物资齐全', maxScore: 5 },
      ],
    },
    {
      name: '队伍建设',
      items: [
        { name: '居民互助队伍', guidance: '组建居民互助队伍，自愿成团互助有成员名册', maxScore: 5 },
        { name: '志愿者队伍', guidance: '注册志愿者数量达标，认领志愿服务有记录', maxScore: 5 },
        { name: '服务组织引入', guidance: '引入养老服务企业或社会组织参与服务', maxScore: 5 },
        { name: '骨干培训', guidance: '每季度至少开展1次志愿服务骨干培训', maxScore: 5 },
      ],
    },
    {
      name: '服务开展',
      items: [
        { name: '助餐服务', guidance: '依托长者食堂为高龄、独居、失能老人提供助餐', maxScore: 6 },
        { name: '探访服务', guidance: '对特殊困难老年人定期探访，探访记录完整', maxScore: 6 },
        { name: '义诊服务', guidance: '联合医疗机构定期开展义诊', maxScore: 6 },
        { name: '陪伴服务', guidance: '陪伴聊天、陪同就医等服务有记录', maxScore: 6 },
        { name: '两种服务模式运行', guidance: '自愿成团互助和认领志愿服务两种模式均正常运行', maxScore: 6 },
      ],
    },
    {
      name: '激励保障',
      items: [
        { name: '时间银行存储兑换', guidance: '服务时长按时存入时间银行，兑换渠道畅通', maxScore: 8 },
        { name: '星级评定与嘉许回馈', guidance: '按累计时长评定星级，落实嘉许回馈', maxScore: 6 },
        { name: '台账与满意度', guidance: '服务台账完整，老年人及家属满意度调查达标', maxScore: 6 },
      ],
    },
  ],
};

/**
 * 驿站考评 (seed 001, Luojiang): the 7 indicators, each scored 0..10 and weighted
 * to 100 points. Stations at 85 or above are given a plaque (授牌).
 */
export const STATION_EVALUATION: TemplateDefinition = {
  code: 'STATION_EVALUATION',
  name: '志愿服务驿站考评（7大指标）',
  subjectType: 'STATION',
  certificationThreshold: 85,
  grades: FOUR_GRADES,
  bonusRules: [],
  categories: [
    {
      name: '队伍',
      items: [
        { name: '志愿者人数', guidance: '在册志愿者人数与轮值到岗情况', maxScore: 10, weight: 1.5 },
        { name: '团队凝聚力', guidance: '骨干稳定，志愿者持续参与，轮值认领积极', maxScore: 10, weight: 1.5 },
        { name: '团队文化', guidance: '有队名、队旗、服务理念和团队活动', maxScore: 10, weight: 1 },
      ],
    },
    {
      name: '服务',
      items: [
        { name: '群众满意度', guidance: '居民评单与回访满意度', maxScore: 10, weight: 2 },
        { name: '开展活动情况', guidance: '活动次数、内容与记录，"八有"落实', maxScore: 10, weight: 2 },
      ],
    },
    {
      name: '影响',
      items: [
        { name: '辐射范围', guidance: '服务圈覆盖人数与周边延伸服务', maxScore: 10, weight: 1 },
        { name: '宣传推广', guidance: '志愿云、微信群发布与媒体报道', maxScore: 10, weight: 1 },
      ],
    },
  ],
};

/**
 * 社会组织等级评估 (seed 002): 100 points; 3A from 70, 4A from 80, 5A from 90. Below
 * 70 an organisation holds no A grade this graph reports.
 */
export const SOCIAL_ORGANIZATION_GRADING: TemplateDefinition = {
  code: 'SOCIAL_ORGANIZATION_GRADING',
  name: '社会组织等级评估',
  subjectType: 'ORGANIZATION',
  certificationThreshold: null,
  grades: [
    { grade: '5A', minScore: 90 },
    { grade: '4A', minScore: 80 },
    { grade: '3A', minScore: 70 },
  ],
  bonusRules: [],
  categories: [
    {
      name: '基础条件',
      items: [
        { name: '法人资格与登记', guidance: '依法登记，年检（年报）合格', maxScore: 6 },
        { name: '章程与办公场所', guidance: '章程完备，有固定办公场所', maxScore: 6 },
        { name: '人员配备', guidance: '专职工作人员与持证社工数量', maxScore: 8 },
      ],
    },
    {
      name: '内部治理',
      items: [
        { name: '组织机构', guidance: '理事会、监事会按章程运行，换届按时', maxScore: 10 },
        { name: '财务管理', guidance: '财务制度健全，审计无问题', maxScore: 10 },
        { name: '档案与信息公开', guidance: '档案完整，按规定公开信息', maxScore: 10 },
      ],
    },
    {
      name: '工作绩效',
      items: [
        { name: '服务项目', guidance: '承接服务项目数量与完成质量', maxScore: 15 },
        { name: '志愿服务与公益活动', guidance: '组织志愿服务、公益活动的次数和成效', maxScore: 10 },
        { name: '参与社区治理', guidance: '参与"五社联动"、驿站运行等社区治理', maxScore: 10 },
      ],
    },
    {
      name: '社会评价',
      items: [
        { name: '服务对象评价', guidance: '服务对象满意度调查', maxScore: 7 },
        { name: '主管部门评价', guidance: '业务主管单位与登记管理机关评价', maxScore: 5 },
        { name: '表彰与宣传', guidance: '获得表彰、媒体报道', maxScore: 3 },
      ],
    },
  ],
};

/** 退役军人志愿服务队考评 (seed 003): so veteran teams, too, are scored on a form. */
export const VETERAN_TEAM_EVALUATION: TemplateDefinition = {
  code: 'VETERAN_TEAM_EVALUATION',
  name: '退役军人志愿服务队考评',
  subjectType: 'VETERAN_TEAM',
  certificationThreshold: null,
  grades: FOUR_GRADES,
  bonusRules: [],
  categories: [
    {
      name: '组织建设',
      items: [
        { name: '队伍规模与骨干', guidance: '队员人数，兵支书等骨干带队', maxScore: 10 },
        { name: '制度与台账', guidance: '队伍制度、活动台账完整', maxScore: 10 },
      ],
    },
    {
      name: '活动开展',
      items: [
        { name: '志愿活动', guidance: '健康义诊、卫生防疫、垃圾分类等活动次数与成效', maxScore: 20 },
        { name: '应急值守', guidance: '测温监测点等轮班值守天数与到岗', maxScore: 20 },
        { name: '三社联动', guidance: '与社区、社会组织、社工联合开展活动', maxScore: 15 },
      ],
    },
    {
      name: '社会反响',
      items: [
        { name: '群众评价', guidance: '服务对象与社区评价', maxScore: 15 },
        { name: '老兵故事与宣传', guidance: '老兵故事收集、荣誉馆宣讲与报道', maxScore: 10 },
      ],
    },
  ],
};

export const TEMPLATES: TemplateDefinition[] = [JINCUOBIAN, STATION_EVALUATION, SOCIAL_ORGANIZATION_GRADING, VETERAN_TEAM_EVALUATION];
