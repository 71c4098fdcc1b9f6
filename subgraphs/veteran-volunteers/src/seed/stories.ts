import type { SeededRandom } from '@civic/shared';

/** Story fragments for the 老兵故事 archive: synthetic, in the voice of the collected stories. */
const SURNAMES = ['陈', '林', '黄', '王', '郑', '张', '李', '刘', '吴', '杨', '何', '郭', '董', '游', '池'];
/** A veteran a story is told of: the narrator's surname and years are theirs. */
export interface Teller {
  regionCode: string;
  /** surname first, when the directory handed names on */
  name?: string;
  enlistYear: number;
  dischargeYear: number;
}
const served = (v: Teller, year: number) => v.enlistYear <= year && year < v.dischargeYear;
const HONORIFICS = ['老', '依伯', '大爷', '老班长'];
const THEMES = [
  { title: '海防岁月', tags: ['海防', '战友情'], line: '在闽江口海防哨所守了八年，台风天也要巡逻到天亮。', fits: (v: Teller) => v.dischargeYear - v.enlistYear >= 8 },
  // The 1998 flood: only a soldier serving that summer was on the dykes.
  { title: '抗洪抢险', tags: ['抗洪'], line: '一九九八年抗洪，全连在堤上扛沙袋三天三夜没合眼。', fits: (v: Teller) => served(v, 1998) },
  { title: '戍守边疆', tags: ['戍边'], line: '在边防连的雪山上，战友们把最后一口热水留给了新兵。' },
  { title: '抗疫一线', tags: ['抗疫', '兵支书'], line: '二〇二〇年春节，他在村口测温点连续值守四十多天，说老兵就该迎险而上。' },
  { title: '兵支书的一天', tags: ['兵支书'], line: '当了兵支书，白天调解邻里纠纷，晚上带着巡逻队走遍村里的小巷。' },
  { title: '红色讲堂', tags: ['红色讲堂'], line: '他把军旅故事讲给学校的孩子们听，讲到战友牺牲时，全场安静。' },
  { title: '船政记忆', tags: ['船政'], line: '马尾是近代海军的摇篮，他说自己入伍那天就想起了船政学堂。' },
];
const CLOSINGS = [
  '退伍以后，他一直在村里做志愿服务。',
  '如今他是红色义工队的骨干，每月参加义诊和垃圾分类宣传。',
  '他常说：退役不褪色，战友情谊永远在。',
  '这份记忆被志愿者记录下来，收进了荣誉馆。',
];

export interface StoryText {
  title: string;
  narrator: string;
  text: string;
  tags: string[];
}

/**
 * The n-th story, of a veteran its theme fits (their service long enough, or
 * covering the year it tells of), in their enlistment year; null when no
 * veteran fits it.
 */
export function storyText(random: SeededRandom, n: number, veterans: Teller[]): (StoryText & { regionCode: string }) | null {
  const theme: (typeof THEMES)[number] & { fits?: (v: Teller) => boolean } = THEMES[n % THEMES.length];
  const fitting = theme.fits ? veterans.filter(theme.fits) : veterans;
  if (!fitting.length) return null;
  const teller = random.pick(fitting);
  const narrator = (teller.name?.slice(0, 1) ?? random.pick(SURNAMES)) + random.pick(HONORIFICS);
  const year = teller.enlistYear;
  const text = `${year}年，${narrator}参军入伍。${theme.line}${random.pick(CLOSINGS)}作为一名老兵，他希望年轻人记住这段历史。`;
  return { title: `${narrator}的${theme.title}`, narrator, text, tags: [...theme.tags, '老兵故事'], regionCode: teller.regionCode };
}
