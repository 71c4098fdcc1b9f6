import type { SeedPopulation } from '@civic/shared';
import { decideCertification } from '../domain/certification';
import { bonusFor, gradeFor, totalScore } from '../domain/scoring';
import type { AssessmentKind, AssessmentStatus, SubjectType } from '../domain/vocabulary';
import type { AssessmentRow } from '../repositories/assessments';
import type { TemplateItemRow, TemplateRow } from '../repositories/templates';
import { chinaToday, seededRandom, SeededRandom } from '@civic/shared';
import { annualAssessment, halfYearEvaluation, spotCheck } from './periods';

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
export type Population = SeedPopulation & {
  stations?: { id: string; name: string; regionCode: string }[];
  veteranTeams?: { id: string; name: string; regionCode: string }[];
};

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
 * Plans the demo assessments without touching the database: a routine evaluation
 * of every station (the Luojiang pilots and most others certified), spot checks of
 * certified stations (some failed, so suspended), 金厝边 pilot communities with their
 * bonus points, graded social organisations and scored veteran teams.
 */
export function planAssessmentsSeed(seed: number, population: Population, forms: Forms, today: string = chinaToday()) {
  const random = seededRandom(seed ^ 0x5a17);
  const assessments: PlannedAssessment[] = [];
  const certifications: PlannedCertification[] = [];
  const assessorIn = (regionCode: string) => {
    const near = population.people.filter((p) => p.regionCode.startsWith(regionCode.slice(0, 6)));
    return near.length ? random.pick(near).id : population.people.length ? random.pick(population.people).id : null;
  };
  function plan(form: Forms[keyof Forms], subjectType: SubjectType, subjectId: string, regionCode: string, kind: AssessmentKind,
    period: string, status: AssessmentStatus, quality: number, daysAgo: number): PlannedAssessment {
    const scores = scoresAt(random, form.items, quality);
    const total = totalScore(form.items, new Map(scores.map((s) => [s.itemId, s.score])));
    const planned: PlannedAssessment = {
      id: random.uuid(), templateId: form.template.id, subjectType, subjectId, regionCode, kind, period, status,
      assessorId: assessorIn(regionCode), totalScore: total, grade: gradeFor(form.template.grades, total),
      bonusPoints: status === 'FINAL' ? bonusFor(form.template.bonusRules, total) : 0, daysAgo, scores,
    };
    assessments.push(planned);
    return planned;
  }

  const threshold = forms.station.template.certificationThreshold ?? 85;
  for (const station of population.stations ?? []) {
    // 洛阳桥 and 万福 are the pilots seed 001 holds up: they score highest.
    const pilot = /洛阳桥|万福/.test(station.name);
    const quality = pilot ? 0.93 : 0.6 + random.next() * 0.35;
    const evaluation = halfYearEvaluation(today, random.below(26), 20);
    const routine = plan(forms.station, 'STATION', station.id, station.regionCode, 'ROUTINE', evaluation.period, 'FINAL', quality, evaluation.daysAgo);
    const certified = decideCertification({ kind: 'ROUTINE', total: routine.totalScore, threshold, certifiedAt: null, submittedAt: new Date() }) === 'CERTIFY';
    if (!certified) continue;
    const certification: PlannedCertification = {
      stationId: station.id, regionCode: station.regionCode, certifiedBy: routine.id, certifiedDaysAgo: evaluation.daysAgo - 1, suspendedBy: null, suspendedDaysAgo: null,
    };
    certifications.push(certification);
    // 授后督导: every other certified station gets a spot check; non-pilots may fail it.
    if (random.next() < 0.5) {
      const fails = !pilot && random.next() < 0.5;
      const when = spotCheck(today, evaluation.daysAgo - 2, random.below(60));
      const check = plan(forms.station, 'STATION', station.id, station.regionCode, random.next() < 0.5 ? 'SPOT_CHECK' : 'UNANNOUNCED_VISIT',
        when.period, 'FINAL', fails ? 0.6 : 0.92, when.daysAgo);
      if (check.totalScore < threshold) {
        certification.suspendedBy = check.id;
        certification.suspendedDaysAgo = when.daysAgo - 1;
      }
    }
  }

  // 金厝边 pilots: Fuzhou communities where residents live, scored on the 18-item form.
  const communities = [...new Set(population.people.map((p) => p.regionCode).filter((c) => c.startsWith('3501') && c.length === 12))].sort();
  for (const code of communities.slice(0, 8)) {
    const when = annualAssessment(today, random.below(85));
    plan(forms.jincuobian, 'REGION', code, code, 'ROUTINE', when.period, 'FINAL', 0.7 + random.next() * 0.28, when.daysAgo);
  }

  // 社会组织等级评估: social organisations and agencies with a region.
  const graded = population.organizations.filter((o) => o.regionCode && (o.kind === 'SOCIAL_ORGANIZATION' || o.kind === 'SOCIAL_WORK_AGENCY' || o.kind === 'ASSOCIATION'));
  for (const organization of graded) {
    const when = annualAssessment(today, random.below(85));
    plan(forms.organization, 'ORGANIZATION', organization.id, organization.regionCode as string, 'ROUTINE', when.period, 'FINAL', gradingQuality(random, organization.name), when.daysAgo);
  }

  for (const team of population.veteranTeams ?? []) {
    // The latest half's evaluations: submitted ones still wait for review, so they are the recent ones.
    const when = halfYearEvaluation(today, random.below(26), 0);
    plan(forms.veteranTeam, 'VETERAN_TEAM', team.id, team.regionCode, 'ROUTINE', when.period, when.daysAgo > 30 || random.next() < 0.5 ? 'FINAL' : 'SUBMITTED', 0.7 + random.next() * 0.25, when.daysAgo);
  }
  return { assessments, certifications };
}
export type AssessmentsSeedPlan = ReturnType<typeof planAssessmentsSeed>;
