import type { RequestHandler } from 'express';
import type { StartupState } from '@civic/shared';

/**
 * While `npm start` seeds, the gateway already listens (so the port does not
 * refuse connections for minutes) but answers GraphQL with a coded, retryable
 * SERVICE_UNAVAILABLE rather than figures from half-seeded subgraphs.
 */
export function startupGate(startup: StartupState): RequestHandler {
  return (_req, res, next) => {
    if (!startup.seeding) {
      next();
      return;
    }
    res
      .status(503)
      .set('retry-after', '5')
      .json({
        errors: [
          {
            message: 'the graph is starting: it is seeding its demo data; try again shortly',
            extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'seeding' },
          },
        ],
      });
  };
}
