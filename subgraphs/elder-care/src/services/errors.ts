import { civicError } from '@civic/shared';

/** A refused decision as the caller sees it: the code of DEVELOPERS.md and the reason. */
export const refusal = (decision: { code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT'; message: string }) => civicError(decision.code, decision.message);
