import type { SeedPopulation } from '@civic/shared';
import { decideCertification } from '../domain/certification';
import { bonusFor, gradeFor, totalScore } from '../domain/scoring';
import type { AssessmentKind, AssessmentStatus, SubjectType } from '../domain/vocabulary';
import type { AssessmentRow } from '../repositories/assessments';
import type { TemplateItemRow, TemplateRow } from '../repositories/templates';
import { addDays, chinaToday, seededRandom, SeededRandom } from '@civic/shared';
import { annualAssessment, halfYearEvaluation, quarterOf, spotCheck } from './periods';

/** An assessment as stored, less the times the seed derives from `daysAgo`. */
export interface PlannedAssessment extends Omit<AssessmentRow, 'createdAt' | 'submittedAt' | 'finalizedAt'> {
  /** days before the seed ran that it was submitted (and, if final, finalised a day later) */
  daysAgo: number;
  scores: { itemId: string; score: number; evidence: string }[];
}

export interface PlannedCertification {
  stationId: string;
  regionCode: string;
  certifiedBy: string;
  certifiedDaysAgo: number;
  suspendedBy: string | null;
  suspendedDaysAgo: number | null;
}

/**
 * The population the launcher hands over: the directory's people and organisations,
 * and the stations and veteran teams their subgraphs list after seeding.
 */
export type Population = SeedPopulation;

export type Forms = Record<'station' | 'jincuobian' | 'organization' | 'veteranTeam', { template: TemplateRow; items: TemplateItemRow[] }>;

const EVIDENCE = ['现场查看', '台账抽查', '服务对象回访', '照片与活动记录', '志愿云数据', '问卷调查'];

/**
 * How well an organisation does in its grading, at the scale seed 002 reports for
 * a city: 43 social organisations graded 3A or above, 23 of them 4A or above, out
 * of hundreds graded. About one in sixteen reaches 4A, one in sixteen more 3A;
 * most score below 70 and get no grade. The agencies the seeds hold up score well.
 */
export function gradingQuality(random: SeededRandom, name: string): number {
  if (NOTED_ORGANIZATIONS.test(name)) return 0.86 + random.next() * 0.08;
  const r = random.next();
  return r < 0.06 ? 0.84 + random.next() * 0.1 : r < 0.12 ? 0.73 + random.next() * 0.05 : 0.4 + random.next() * 0.26;
}
const NOTED_ORGANIZATIONS = /爱邻舍|乐龄|红色义工/;

/** Scores around a quality (0..1): a station that does well scores well on most items. */
function scoresAt(random: SeededRandom, items: TemplateItemRow[], quality: number) {
  return items.map((item) => {
    const share = Math.min(1, Math.max(0, quality + (random.next() - 0.5) * 0.2));
    return { itemId: item.id, score: Math.round(item.maxScore * share * 2) / 2, evidence: `${random.pick(EVIDENCE)}：${item.name}` };
  });
}

/**
 * Plans the demo assessments without touching the database, as a live programme
 * has them: half-yearly evaluations of every station since it joined (the
 * Luojiang pilots from the start and certified, most others lately), spot checks
 * of certified stations (some failed, so suspended) and this fortnight's still in
 * draft or awaiting review, 金厝边 pilot communities each year with their bonus
 * points, social organisations graded over the last five years and veteran
 * teams' half-years.
 */
export function planAssessmentsSeed(seed: number, population: Population, forms: Forms, today: string = chinaToday()) {
  const random = seededRandom(seed ^ 0x5a17);
  const assessments: PlannedAssessment[] = [];
  const certifications: PlannedCertification[] = [];
  // The people of each district, in the directory's order, looked up once (a province has 1.5M of them).
  const peopleOfDistrict = new Map<string, Population['people']>();
  for (const person of population.people) {
    const district = person.regionCode.slice(0, 6);
    const list = peopleOfDistrict.get(district);
    if (list) list.push(person);
    else peopleOfDistrict.set(district, [person]);
  }
  const peopleIn = (prefix: string) => {
    if (!peopleOfDistrict.has(prefix))
      peopleOfDistrict.set(
        prefix,
        population.people.filter((p) => p.regionCode.startsWith(prefix)),
      );
    return peopleOfDistrict.get(prefix)!;
  };
  // A city's organisation (a four-digit code) finds its assessor among the whole city's people.
  const assessorIn = (regionCode: string) => {
    const near = peopleIn(regionCode.slice(0, 6));
    return near.length ? random.pick(near).id : population.people.length ? random.pick(population.people).id : null;
  };
  function plan(
    form: Forms[keyof Forms],
    subjectType: SubjectType,
    subjectId: string,
    regionCode: string,
    kind: AssessmentKind,
    period: string,
    status: AssessmentStatus,
    quality: number,
    daysAgo: number,
  ): PlannedAssessment {
    const scores = scoresAt(random, form.items, quality);
    const total = totalScore(form.items, new Map(scores.map((s) => [s.itemId, s.score])));
    const planned: PlannedAssessment = {
      id: random.uuid(),
      templateId: form.template.id,
      subjectType,
      subjectId,
      regionCode,
      kind,
      period,
      status,
      assessorId: assessorIn(regionCode),
      totalScore: total,
      grade: gradeFor(form.template.grades, total),
      bonusPoints: status === 'FINAL' ? bonusFor(form.template.bonusRules, total) : 0,
      daysAgo,
      scores,
    };
    assessments.push(planned);
    return planned;
  }

  const threshold = forms.station.template.certificationThreshold ?? 85;
  for (const station of population.stations ?? []) {
    // 洛阳桥 and 万福 are the pilots seed 001 holds up: they score highest, every time.
    const pilot = /洛阳桥|万福/.test(station.name);
    const quality = pilot ? 0.93 : 0.6 + random.next() * 0.35;
    // Evaluated every half-year since it joined: the pilots from the start, most others only the last one or two (stations keep opening).
    const halves = pilot ? 4 : 1 + Math.floor(4 * random.next() ** 2);
    let certification: PlannedCertification | null = null;
    for (let back = halves - 1; back >= 0; back--) {
      const evaluation = halfYearEvaluation(today, random.below(26), 20, back);
      // A station improves a little from one evaluation to the next; the pilots were at their level from the start.
      const routine = plan(
        forms.station,
        'STATION',
        station.id,
        station.regionCode,
        'ROUTINE',
        evaluation.period,
        'FINAL',
        pilot ? quality : quality - 0.02 * back,
        evaluation.daysAgo,
      );
      if (certification) continue;
      if (decideCertification({ kind: 'ROUTINE', total: routine.totalScore, threshold, certifiedAt: null, submittedAt: new Date() }) !== 'CERTIFY') continue;
      certification = {
        stationId: station.id,
        regionCode: station.regionCode,
        certifiedBy: routine.id,
        certifiedDaysAgo: evaluation.daysAgo - 1,
        suspendedBy: null,
        suspendedDaysAgo: null,
      };
      certifications.push(certification);
    }
    // 授后督导: every other certified station gets a spot check after its certification; non-pilots may fail it.
    if (certification && random.next() < 0.5) {
      const fails = !pilot && random.next() < 0.5;
      const when = spotCheck(today, certification.certifiedDaysAgo - 1, random.below(60));
      const check = plan(
        forms.station,
        'STATION',
        station.id,
        station.regionCode,
        random.next() < 0.5 ? 'SPOT_CHECK' : 'UNANNOUNCED_VISIT',
        when.period,
        'FINAL',
        fails ? 0.6 : 0.92,
        when.daysAgo,
      );
      if (check.totalScore < threshold) {
        certification.suspendedBy = check.id;
        certification.suspendedDaysAgo = when.daysAgo - 1;
      }
    }
    // This fortnight's checks are still being written up (a draft) or wait for review (submitted); they decide nothing yet.
    if (random.next() < 0.3) {
      const daysAgo = 1 + random.below(14);
      plan(
        forms.station,
        'STATION',
        station.id,
        station.regionCode,
        'SPOT_CHECK',
        quarterOf(addDays(today, -daysAgo)),
        daysAgo <= 5 ? 'DRAFT' : 'SUBMITTED',
        pilot ? 0.93 : quality,
        daysAgo,
      );
    }
  }

  // 金厝边 pilots (elder care's, when handed on; else Fuzhou communities where residents live), scored on the 18-item form every year.
  const communities = population.pilots?.length
    ? [...new Set(population.pilots.map((p) => p.regionCode))].sort()
    : [...new Set(population.people.map((p) => p.regionCode).filter((c) => c.startsWith('3501') && c.length === 12))].sort().slice(0, 8);
  for (const code of communities) {
    const quality = 0.7 + random.next() * 0.26;
    for (const back of [1, 0]) {
      const when = annualAssessment(today, random.below(85), back);
      plan(forms.jincuobian, 'REGION', code, code, 'ROUTINE', when.period, 'FINAL', quality - 0.03 * back, when.daysAgo);
    }
  }

  // 社会组织等级评估: social organisations and agencies with a region, each graded once in the last five years, most of them lately.
  const graded = population.organizations.filter(
    (o) => o.regionCode && (o.kind === 'SOCIAL_ORGANIZATION' || o.kind === 'SOCIAL_WORK_AGENCY' || o.kind === 'ASSOCIATION'),
  );
  for (const organization of graded) {
    const r = random.next();
    const when = annualAssessment(today, random.below(85), r < 0.45 ? 0 : r < 0.7 ? 1 : r < 0.85 ? 2 : r < 0.95 ? 3 : 4);
    plan(
      forms.organization,
      'ORGANIZATION',
      organization.id,
      organization.regionCode as string,
      'ROUTINE',
      when.period,
      'FINAL',
      gradingQuality(random, organization.name),
      when.daysAgo,
    );
  }

  for (const team of population.veteranTeams ?? []) {
    const quality = 0.7 + random.next() * 0.25;
    for (let back = random.int(0, 2); back >= 0; back--) {
      // The latest half's evaluations: submitted ones still wait for review, so they are the recent ones.
      const when = halfYearEvaluation(today, random.below(26), 0, back);
      const status = back > 0 || when.daysAgo > 30 || random.next() < 0.5 ? 'FINAL' : 'SUBMITTED';
      plan(forms.veteranTeam, 'VETERAN_TEAM', team.id, team.regionCode, 'ROUTINE', when.period, status, quality, when.daysAgo);
    }
  }
  return { assessments, certifications };
}
export type AssessmentsSeedPlan = ReturnType<typeof planAssessmentsSeed>;
