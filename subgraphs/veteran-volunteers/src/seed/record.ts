import type { SeededRandom } from '@civic/shared';

export const SKILLS = ['急救', '驾驶', '电工', '理发', '医护', '厨艺', '摄影', '宣讲', '法律咨询', '家电维修'];
export const KINDS = ['HEALTH_CLINIC', 'EPIDEMIC_PREVENTION', 'GARBAGE_SORTING', 'SPORTS', 'LECTURE', 'PATROL'] as const;
export const ACTIVITY_TITLES: Record<(typeof KINDS)[number], string> = {
  HEALTH_CLINIC: '健康义诊',
  EPIDEMIC_PREVENTION: '卫生防疫宣传',
  GARBAGE_SORTING: '垃圾分类入户宣传',
  SPORTS: '趣味运动会',
  LECTURE: '红色讲堂',
  PATROL: '社区夜间巡逻',
};

/** Age at enlistment: 17 (with consent) to 24, as the conscription rules allow. */
export const ENLISTMENT_AGE = { min: 17, max: 24 } as const;
/** Every seeded veteran was discharged by then: the teams were founded in 2019, the checkpoints staffed in 2020. */
export const LAST_DISCHARGE = 2018;

/** When a veteran born in `born` enlisted and was discharged: at 17 to 24, for 2 to 16 years, by LAST_DISCHARGE. */
export function serviceRecord(random: SeededRandom, born: number) {
  const enlistYear = born + random.int(ENLISTMENT_AGE.min, Math.min(ENLISTMENT_AGE.max, LAST_DISCHARGE - 2 - born));
  const serviceYears = random.int(2, Math.min(16, LAST_DISCHARGE - enlistYear));
  return { enlistYear, serviceYears, dischargeYear: enlistYear + serviceYears };
}
