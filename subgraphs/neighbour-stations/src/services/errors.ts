import { civicError } from '@civic/shared';
import type { RotaRefusal } from '../domain/rota';

type CivicError = ReturnType<typeof civicError>;

export function refusal(refused: RotaRefusal | { code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT'; message: string }): CivicError {
  const argument = 'argument' in refused && refused.argument ? { argument: refused.argument } : {};
  return civicError(refused.code, refused.message, argument);
}
