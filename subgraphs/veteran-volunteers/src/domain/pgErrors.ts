/** PostgreSQL errors a rule in the database raises on purpose, told apart by SQLSTATE and name. */
interface PgError {
  code?: string;
  constraint?: string;
  driverError?: { code?: string; constraint?: string };
}

function details(error: unknown): { code?: string; constraint?: string } {
  const e = error as PgError;
  return { code: e?.code ?? e?.driverError?.code, constraint: e?.constraint ?? e?.driverError?.constraint };
}

/** 23P01: an exclusion constraint (e.g. shift_no_overlap) refused the row. */
export const isExclusionViolation = (error: unknown, constraint: string) => details(error).code === '23P01' && details(error).constraint === constraint;

/** 23505: a unique index (e.g. team_membership_current_idx) refused the row. */
export const isUniqueViolation = (error: unknown, constraint: string) => details(error).code === '23505' && details(error).constraint === constraint;
