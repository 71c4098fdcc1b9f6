/** The glossary's names for what this subgraph records (domain.md, Assessments). */
export const SUBJECT_TYPES = ['STATION', 'REGION', 'VETERAN_TEAM', 'ORGANIZATION'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const ASSESSMENT_KINDS = ['ROUTINE', 'SPOT_CHECK', 'UNANNOUNCED_VISIT'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

export type AssessmentStatus = 'DRAFT' | 'SUBMITTED' | 'FINAL';

/** The federated type each subject type is. */
export const SUBJECT_TYPENAME = {
  STATION: 'Station',
  REGION: 'Region',
  VETERAN_TEAM: 'VeteranTeam',
  ORGANIZATION: 'Organization',
} as const satisfies Record<SubjectType, string>;
