import type { SeededRandom } from '@civic/shared';

/**
 * The 老兵故事 archive: synthetic stories in the voice of the collected ones,
 * each put together from fragments about one veteran's own life: the year and
 * age they enlisted, how long they served and what that service could have held
 * (a flood only for those serving in 1998), the year they came home and to which
 * place, the team they volunteer in now. So no two stories read alike, and none
 * tells of a year its veteran was not in uniform.
 */
const SURNAMES = ['陈', '林', '黄', '王', '郑', '张', '李', '刘', '吴', '杨', '何', '郭', '董', '游', '池'];
/** A veteran a story is told of: the narrator's surname and years are theirs. */
export interface Teller {
  regionCode: string;
  /** surname first, when the directory handed names on */
  name?: string;
  born?: number;
  enlistYear: number;
  dischargeYear: number;
  /** the name of their home community (and district), when the directory handed names on */
  place?: string;
  /** the team they serve in now */
  team?: string;
  /** a team leader (兵支书) */
  leader?: boolean;
  /** a woman veteran: her story says 她 */
  female?: boolean;
}
const served = (v: Teller, year: number) => v.enlistYear <= year && year < v.dischargeYear;
const years = (v: Teller) => v.dischargeYear - v.enlistYear;
const inMawei = (v: Teller) => v.regionCode.startsWith('350105');
/** Of retirement age in the seed's year (2026): born 1966 or before. */
const isOld = (v: Teller) => (v.born ?? v.enlistYear - 18) <= 1966;
const HONORIFICS = ['老', '依伯', '大爷', '老班长', '叔'];
const HONORIFICS_FOR_WOMEN = ['老', '阿姨', '大姐', '老班长'];
const CN_NUMBERS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六'];
const cn = (n: number) => CN_NUMBERS[n] ?? String(n);

type Line = (v: Teller, home: string) => string;
interface Theme {
  title: string;
  tags: string[];
  /** the story's service years: alternatives, one drawn */
  lines: Line[];
  fits?: (v: Teller) => boolean;
}

const THEMES: Theme[] = [
  {
    title: '海防岁月',
    tags: ['海防', '战友情'],
    fits: (v) => years(v) >= 6,
    lines: [
      (v) => `他在海防哨所一守就是${cn(years(v))}年，台风天也要巡逻到天亮`,
      (v) => `${cn(years(v))}年里，他跟着巡逻艇走遍了东海的岛礁，晕船吐完了照样站岗`,
      (v) => `在海岛雷达站的${cn(years(v))}年，补给船半个月才来一趟，淡水要省着用`,
    ],
  },
  // The 1998 flood: only a soldier serving that summer (enlisted by the winter before) was on the dykes.
  {
    title: '抗洪抢险',
    tags: ['抗洪'],
    fits: (v) => served(v, 1998) && v.enlistYear < 1998,
    lines: [
      () => '1998年夏天长江告急，全连在堤上扛沙袋三天三夜没合眼',
      () => '1998年抗洪，他和战友们手挽手跳进决口，用身体挡住洪水',
      (v) => `入伍第${cn(1998 - v.enlistYear + 1)}年就赶上1998年的大洪水，他在九江大堤上守了四十多天`,
    ],
  },
  {
    title: '抗震救灾',
    tags: ['抗震救灾'],
    fits: (v) => served(v, 2008) && v.enlistYear < 2008,
    lines: [() => '2008年汶川地震，他随部队徒步进入震区，在废墟里连续搜救了七天', () => '2008年5月，他所在的连队第一批开进映秀镇，背出了十几位被困群众'],
  },
  {
    title: '戍守边疆',
    tags: ['戍边'],
    lines: [
      () => '在边防连的雪山上，战友们把最后一口热水留给了新兵',
      (v) => `他在西北戈壁当了${cn(years(v))}年汽车兵，一趟运输要走上千公里`,
      () => '边防哨所海拔四千多米，冬天的水管冻得敲不开，他们就化雪烧水',
    ],
  },
  {
    title: '军营里的手艺',
    tags: ['军营', '技能'],
    lines: [
      (v) => `在部队的${cn(years(v))}年，他从炊事员干到炊事班长，练出了一手好厨艺`,
      () => '他是连队的卫生员，背着药箱跟着部队拉练，学会了包扎和急救',
      (v) => `当了${cn(years(v))}年通信兵，架线、查线、抢修，哪里断了就往哪里跑`,
      () => '在工程兵部队，他参加过修路架桥，手上的老茧到现在还在',
    ],
  },
  {
    title: '船政记忆',
    tags: ['船政'],
    fits: inMawei,
    lines: [() => '马尾是近代海军的摇篮，他说自己入伍那天就想起了船政学堂', () => '从小在罗星塔下长大，听着船政的故事，他一直想当海军'],
  },
  {
    title: '战友情深',
    tags: ['战友情'],
    lines: [
      (v) => `同一批入伍的战友有${cn(8 + (v.enlistYear % 7))}个福建老乡，到现在每年还要聚一次`,
      () => '一次野营拉练他崴了脚，班长背着他走了十几里山路',
      () => '他珍藏着一张全班合影，照片背面写着每个战友的家乡',
    ],
  },
];

const OPENINGS: ((v: Teller, who: string, home: string, age: number) => string)[] = [
  (v, who, home, age) => `${v.enlistYear}年，${age}岁的${who}从${home}应征入伍`,
  (v, who, home, age) => `${who}是${v.enlistYear}年的兵，${age}岁那年离开${home}去了部队`,
  (v, who, _home, age) => `${v.enlistYear}年秋天，${who}穿上了军装，那年他${age}岁`,
  (v, who, home) => `说起${v.enlistYear}年入伍那天，${who}还记得${home}的乡亲们敲锣打鼓送他上车`,
  (v, who, _home, age) => `${age}岁的${who}在${v.enlistYear}年报名参军，家里人都没想到他能通过体检`,
];
const HOMECOMINGS: ((v: Teller, home: string) => string)[] = [
  (v, home) => `${v.dischargeYear}年退伍后，他回到${home}，在镇上的农机站一干就是多年`,
  (v, home) => `${v.dischargeYear}年退役回到${home}，他先是跑运输，后来开了一家小店`,
  (v) => `服役${cn(years(v))}年，${v.dischargeYear}年他脱下军装，进了船厂当钳工`,
  (v, home) => `${v.dischargeYear}年复员回乡，他在${home}当过民兵连长，也种过果树`,
  (v) => `${v.dischargeYear}年退伍，部队给他的立功证书他一直压在箱底`,
];
const VOLUNTEERING: ((v: Teller) => string)[] = [
  (v) => `如今他是${v.team}的骨干，每月都参加义诊和垃圾分类宣传`,
  (v) => `2020年春节疫情来袭，他第一批报名参加${v.team}，在测温点值守了四十多天`,
  (v) => `加入${v.team}以后，他带着队员夜里巡逻，走遍了村里的小巷`,
  (v) => `在${v.team}里，他常去学校给孩子们讲军旅故事`,
  (v) => (isOld(v) ? `退休后他加入了${v.team}，谁家老人有事，一个电话他就到` : `下了班他就去${v.team}帮忙，谁家老人有事，一个电话他就到`),
];
const LEADER_LINES: ((v: Teller) => string)[] = [
  (v) => `当了兵支书，又带起了${v.team}，白天调解邻里纠纷，晚上带队巡逻`,
  (v) => `作为${v.team}的带头人，他把队里的老兵按专长分了组，义诊、巡逻、宣讲各有人管`,
];
const CLOSINGS: ((v: Teller, home: string) => string)[] = [
  () => '他常说：“退役不褪色，战友情谊永远在。”',
  () => '他说：“穿过军装的人，什么时候都要站得出来。”',
  () => '这份记忆被志愿者记录下来，收进了村里的荣誉馆。',
  () => '他希望年轻人记住这段历史。',
  (v) => (isOld(v) ? '说到这里，老人把军功章擦了又擦。' : '说到这里，他把军功章擦了又擦。'),
  () => '他说，部队教会他的，就是遇到难事不往后退。',
  (v) => `${cn(years(v))}年军旅，他说是这辈子最骄傲的日子。`,
  (v) => `他说：“${v.enlistYear}年发的那身军装，我到现在还留着。”`,
  (_v, home) => `在${home}，街坊们都叫他“老班长”。`,
  (v) => `离开部队已经${2026 - v.dischargeYear}年，他每年八一都要和战友通个电话。`,
  (v) => (v.team ? `${v.team}的队员们说，有他在心里就踏实。` : '村里人说，有他在心里就踏实。'),
  () => '',
];
const TITLES: ((who: string, theme: string) => string)[] = [
  (who, theme) => `${who}的${theme}`,
  (who, theme) => `${theme}：${who}的故事`,
  (who, theme) => `老兵${who}：${theme}`,
];

export interface StoryText {
  title: string;
  narrator: string;
  text: string;
  tags: string[];
}

/**
 * The n-th story, of a veteran its theme fits (their service long enough, or
 * covering the year it tells of), starting from their enlistment year; null when
 * no veteran fits it or every draw repeated a story or title already told (`told`).
 */
export function storyText(random: SeededRandom, n: number, veterans: Teller[], told = new Set<string>()): (StoryText & { regionCode: string }) | null {
  const theme = THEMES[n % THEMES.length];
  const fitting = theme.fits ? veterans.filter(theme.fits) : veterans;
  if (!fitting.length) return null;
  for (let attempt = 0; attempt < 8; attempt++) {
    const teller = random.pick(fitting);
    const surname = teller.name?.slice(0, 1) ?? random.pick(SURNAMES);
    const narrator = random.chance(0.3) && teller.name ? teller.name : surname + random.pick(teller.female ? HONORIFICS_FOR_WOMEN : HONORIFICS);
    const home = teller.place ?? '家乡';
    const age = teller.born ? teller.enlistYear - teller.born : 18;
    const volunteering = teller.team ? random.pick(teller.leader ? LEADER_LINES : VOLUNTEERING)(teller) : '退伍以后，他一直在村里做志愿服务';
    const sentences = [
      random.pick(OPENINGS)(teller, narrator, home, age),
      random.pick(theme.lines)(teller, home),
      random.pick(HOMECOMINGS)(teller, home),
      volunteering,
    ];
    const story = sentences.map((s) => `${s}。`).join('') + random.pick(CLOSINGS)(teller, home);
    // The fragments speak of a man; a woman veteran's story says 她 (and 她们 of her unit, as she would).
    const text = teller.female ? story.replace(/他/g, '她') : story;
    const title = random.pick(TITLES)(narrator, theme.title);
    if (told.has(text) || told.has(title)) continue;
    told.add(text).add(title);
    return { title, narrator, text, tags: [...theme.tags, '老兵故事'], regionCode: teller.regionCode };
  }
  return null;
}
