import type { DataSource } from 'typeorm';
import { type Clock, groupedLoader, keyedLoader, monthlySeriesLoader, rollupReads, rollupStatsLoader, type Identity } from '@civic/shared';
import { ASSESSMENTS_BY_MONTH, type AssessmentSummary, type CertifiedStations } from './repositories/regionStats';
import { ASSESSMENT_ROLLUP, ASSESSMENT_SUMMARY_FIELDS, ASSESSMENT_TABLE, CERTIFICATION_TABLE, CERTIFIED_FIELDS } from './repositories/rollup';
import { assessmentRepository } from './repositories/assessments';
import { certificationRepository } from './repositories/certifications';
import { templateRepository } from './repositories/templates';

/** Fresh per request, so one request's cache never serves another caller; `clock` ends the trend's months. */
export function createLoaders(db: DataSource, identity: Identity, clock?: Clock) {
  const assessments = assessmentRepository(db);
  const templates = templateRepository(db);
  const certifications = certificationRepository(db);
  // The rows the counts are drawn from, for disclosure control: their region codes, read from the rollup once per request.
  const rollup = rollupReads(db, ASSESSMENT_ROLLUP);
  const ASSESSMENT_REGIONS = rollup.regionsInUse([ASSESSMENT_TABLE]);
  const CERTIFICATION_REGIONS = rollup.regionsInUse([CERTIFICATION_TABLE]);
  return {
    // only the fields asked are read (askedFields in the resolvers)
    assessmentSummary: rollupStatsLoader<AssessmentSummary>(db, rollup, ASSESSMENT_SUMMARY_FIELDS, {
      identity,
      regionsInUse: ASSESSMENT_REGIONS,
      shape: { counts: ['assessments', 'finalAssessments'] },
    }),
    certifiedStations: rollupStatsLoader<CertifiedStations>(db, rollup, CERTIFIED_FIELDS, {
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
