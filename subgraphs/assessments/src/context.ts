import type { DataSource } from 'typeorm';
import { Identity, regionStatsLoader } from '@civic/shared';
import {
  ASSESSMENT_SUMMARY_SQL,
  CERTIFIED_STATIONS_SQL,
  toAssessmentSummary,
  toCertifiedStations,
} from './repositories/regionStats';

export interface AssessmentsContext {
  identity: Identity;
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(db: DataSource) {
  return {
    assessmentSummary: regionStatsLoader(db, ASSESSMENT_SUMMARY_SQL, toAssessmentSummary),
    certifiedStations: regionStatsLoader(db, CERTIFIED_STATIONS_SQL, toCertifiedStations),
  };
}

export const contextFactory =
  (db: DataSource) =>
  (identity: Identity): AssessmentsContext => ({ identity, loaders: createLoaders(db) });
