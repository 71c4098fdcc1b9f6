import type { DataSource } from 'typeorm';
import { type Clock, groupedLoader, keyedLoader, monthlySeriesLoader, regionCodesInUse, regionStatsLoader, type Identity } from '@civic/shared';
import { ASSESSMENT_SUMMARY_SQL, ASSESSMENTS_BY_MONTH, CERTIFIED_STATIONS_SQL, toAssessmentSummary, toCertifiedStations } from './repositories/regionStats';
import { assessmentRepository } from './repositories/assessments';
import { certificationRepository } from './repositories/certifications';
import { templateRepository } from './repositories/templates';

// The rows the counts are drawn from, for disclosure control (regionStatsLoader).
const ASSESSMENT_REGIONS = regionCodesInUse('assessmentRegionsInUse', ['assessments.assessment']);
const CERTIFICATION_REGIONS = regionCodesInUse('certificationRegionsInUse', ['assessments.certification']);

/** Fresh per request, so one request's cache never serves another caller; `clock` ends the trend's months. */
export function createLoaders(db: DataSource, identity: Identity, clock?: Clock) {
  const assessments = assessmentRepository(db);
  const templates = templateRepository(db);
  const certifications = certificationRepository(db);
  return {
    assessmentSummary: regionStatsLoader(db, ASSESSMENT_SUMMARY_SQL, toAssessmentSummary, {
      identity,
      regionsInUse: ASSESSMENT_REGIONS,
      shape: { counts: ['assessments', 'finalAssessments'] },
    }),
    certifiedStations: regionStatsLoader(db, CERTIFIED_STATIONS_SQL, toCertifiedStations, {
      identity,
      regionsInUse: CERTIFICATION_REGIONS,
      // a station's plaque is public (Station.certified), and so is the list of stations
      shape: { counts: ['certified'], publicEntities: ['certified'] },
    }),
    assessmentsByMonth: monthlySeriesLoader(db, ASSESSMENTS_BY_MONTH, clock, { identity, regionsInUse: ASSESSMENT_REGIONS }),
    template: keyedLoader(templates.findByIds, (t) => t.id),
    templateItems: groupedLoader(templates.itemsOf, (i) => i.templateId),
    assessment: keyedLoader(assessments.findByIds, (a) => a.id),
    /** keyed "TYPE:id" */
    subjectAssessments: groupedLoader(assessments.ofSubjects, (a) => `${a.subjectType}:${a.subjectId}`),
    scores: groupedLoader(assessments.scoresOf, (s) => s.assessmentId),
    corrections: groupedLoader(assessments.correctionsOf, (c) => c.assessmentId),
    latestScore: keyedLoader(assessments.latestStationScores, (s) => s.stationId),
    organizationGrade: keyedLoader(assessments.organizationGrades, (g) => g.organizationId),
    certifications: groupedLoader(certifications.ofStations, (c) => c.stationId),
  };
}
export type AssessmentsLoaders = ReturnType<typeof createLoaders>;
