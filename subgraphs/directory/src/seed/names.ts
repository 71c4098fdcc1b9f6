/**
 * Names for seeded residents, drawn the way Fujian's are distributed.
 *
 * Surnames: ranks 1-10 and the shares of ranks 1-6 are those the Fujian
 * Provincial Bureau of Statistics (福建省统计局) published from the 2010 census
 * (第六次全国人口普查) for the province's resident population, as widely
 * reported ("福建前十位大姓共有常住人口2147.13万人, 占全省常住人口比重为51.69%":
 * 陈 11.51%, 林 10.17%, 黄 5.64%, 张 5.39%, 吴 4.31%, 李 4.23%; then 王, 郑, 刘, 杨).
 * The shares of ranks 7-10 are not in that summary: they are apportioned here so
 * the ten add up to the published 51.69%. Ranks 11 on are the next common
 * Fujian surnames in that order (许, 蔡, 曾, 邱 … as the Quanzhou statistics
 * bureau's 2010 ranking and the provincial lists give them) with falling
 * weights that are this seed's estimate, not published figures. Weights are in
 * basis points (1/100 of a percent) of the population.
 */
export const FUJIAN_SURNAMES: readonly [string, number][] = [
  ['陈', 1151],
  ['林', 1017],
  ['黄', 564],
  ['张', 539],
  ['吴', 431],
  ['李', 423],
  ['王', 350],
  ['郑', 290],
  ['刘', 220],
  ['杨', 184],
  // Ranks 11 on: estimates, falling with rank.
  ['许', 160],
  ['蔡', 150],
  ['曾', 140],
  ['邱', 130],
  ['何', 120],
  ['苏', 115],
  ['周', 110],
  ['谢', 105],
  ['江', 100],
  ['叶', 98],
  ['徐', 95],
  ['朱', 92],
  ['罗', 90],
  ['洪', 88],
  ['游', 85],
  ['卓', 80],
  ['詹', 78],
  ['傅', 76],
  ['魏', 74],
  ['庄', 72],
  ['赖', 70],
  ['颜', 68],
  ['郭', 66],
  ['高', 64],
  ['方', 62],
  ['潘', 60],
  ['余', 58],
  ['廖', 56],
  ['施', 54],
  ['戴', 52],
  ['沈', 50],
  ['范', 48],
  ['肖', 46],
  ['严', 44],
  ['胡', 42],
  ['卢', 40],
  ['邓', 38],
  ['薛', 36],
  ['温', 34],
  ['钟', 32],
  ['欧', 30],
  ['康', 28],
  ['池', 26],
  ['董', 24],
  ['彭', 22],
];

/**
 * Given names by the decade people were born in and their gender: the names
 * registered most in each generation (建国 and 秀英 for those born before 1960,
 * 丽娟 and 建华 after, 子涵 and 浩宇 after 2000), so an elder is not called 梓轩.
 */
const GIVEN_NAMES: { bornBefore: number; MALE: string[]; FEMALE: string[] }[] = [
  {
    bornBefore: 1960,
    MALE: [
      '建国',
      '国华',
      '志明',
      '国强',
      '德明',
      '金水',
      '文华',
      '明华',
      '建华',
      '福生',
      '国平',
      '振华',
      '永福',
      '木生',
      '清泉',
      '家福',
      '荣华',
      '天赐',
      '水生',
      '德福',
    ],
    FEMALE: [
      '秀英',
      '桂英',
      '玉兰',
      '秀珍',
      '淑珍',
      '桂兰',
      '美玉',
      '秀兰',
      '玉英',
      '素珍',
      '月娥',
      '金花',
      '玉珠',
      '秀琴',
      '美华',
      '丽华',
      '宝珠',
      '月英',
      '碧霞',
      '玉娇',
    ],
  },
  {
    bornBefore: 1980,
    MALE: [
      '建华',
      '志强',
      '文斌',
      '建平',
      '海峰',
      '晓东',
      '国辉',
      '志伟',
      '勇',
      '斌',
      '辉',
      '明辉',
      '建明',
      '伟',
      '清华',
      '永辉',
      '文龙',
      '志勇',
      '雄',
      '俊杰',
    ],
    FEMALE: [
      '丽娟',
      '海燕',
      '美玲',
      '丽萍',
      '秀梅',
      '雪梅',
      '红梅',
      '丽芳',
      '艳',
      '燕',
      '丽',
      '玉梅',
      '淑芬',
      '惠玲',
      '美珠',
      '晓玲',
      '丽琴',
      '秀芳',
      '春燕',
      '碧云',
    ],
  },
  {
    bornBefore: 2000,
    MALE: ['伟', '磊', '杰', '鑫', '晨', '强', '俊杰', '志鹏', '斌', '鹏飞', '文杰', '建辉', '家豪', '伟杰', '俊', '明杰', '少华', '宇航', '志豪', '凯'],
    FEMALE: ['婷', '静', '敏', '晶晶', '丽婷', '雅琴', '燕萍', '婷婷', '佳慧', '思琪', '雪', '倩', '晓燕', '丹', '颖', '琳', '慧敏', '丽清', '雅婷', '小燕'],
  },
  {
    bornBefore: Infinity,
    MALE: [
      '子涵',
      '浩宇',
      '宇轩',
      '梓豪',
      '俊熙',
      '浩然',
      '子轩',
      '一鸣',
      '宇航',
      '泽宇',
      '睿',
      '博文',
      '皓轩',
      '晨阳',
      '子墨',
      '嘉豪',
      '文博',
      '俊宇',
      '宇',
      '辰',
    ],
    FEMALE: [
      '子涵',
      '欣怡',
      '梓涵',
      '诗涵',
      '雨桐',
      '可馨',
      '思彤',
      '一诺',
      '语桐',
      '欣妍',
      '雨涵',
      '佳怡',
      '梓萱',
      '诗琪',
      '晨曦',
      '紫涵',
      '梦瑶',
      '婉婷',
      '心怡',
      '悦',
    ],
  },
];

const TOTAL = FUJIAN_SURNAMES.reduce((sum, [, weight]) => sum + weight, 0);
/** Cumulative shares, so a draw in [0, 1) finds its surname by a short scan. */
const CUMULATIVE = FUJIAN_SURNAMES.reduce<number[]>((acc, [, weight]) => [...acc, (acc[acc.length - 1] ?? 0) + weight / TOTAL], []);

/** The surname a [0, 1) draw falls on, at the table's frequencies. */
export function surnameAt(draw: number): string {
  const i = CUMULATIVE.findIndex((edge) => draw < edge);
  return FUJIAN_SURNAMES[i === -1 ? FUJIAN_SURNAMES.length - 1 : i][0];
}

/** A given name of the person's generation and gender for a [0, 1) draw. */
export function givenNameAt(draw: number, gender: 'MALE' | 'FEMALE', birthYear: number): string {
  const names = givenNamesOf(gender, birthYear);
  return names[Math.floor(draw * names.length)];
}

/** The given names of a generation and gender. */
export function givenNamesOf(gender: 'MALE' | 'FEMALE', birthYear: number): readonly string[] {
  return GIVEN_NAMES.find((g) => birthYear < g.bornBefore)![gender];
}

/** The surname of a seeded name (every table surname is one character). */
export const surnameOf = (name: string): string => name.slice(0, 1);
