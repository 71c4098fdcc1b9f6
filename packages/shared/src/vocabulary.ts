/**
 * The contract's kinds of organization, owned by the directory and used by the
 * subgraphs that refer to organizations (a station's duty rule names which kinds
 * may take its shifts).
 */
export const ORGANIZATION_KINDS = ['GOVERNMENT_UNIT', 'ASSOCIATION', 'SOCIAL_WORK_AGENCY', 'SOCIAL_ORGANIZATION', 'ENTERPRISE'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
