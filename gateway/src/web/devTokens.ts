import express from 'express';
import { errorBody } from '@civic/shared';
import type { TokenSettings } from '../auth';
import { developmentClaims, signToken } from '../tokens';

/** How long a token minted in the page lasts: a working session in the playground. */
const PAGE_TOKEN_TTL = '2h';

/**
 * `POST /_dev/token {"roles": [...], "region": "350105", "partner"?, "sub"?}` → `{"token"}`:
 * the playground's role and region picker signs a development token with the
 * gateway's development secret, as `npm run token` does. Mounted only where the
 * playground is (never in production). Only a JSON body is read, and no CORS
 * header is sent, so another site can neither post a form here nor read a token.
 */
export function developmentTokenRouter(tokens: TokenSettings): express.Router {
  const router = express.Router();
  router.post('/_dev/token', express.json({ limit: '2kb' }), async (req, res) => {
    const body = (req.is('application/json') && req.body) || {};
    let claims;
    try {
      claims = developmentClaims(body);
    } catch (error) {
      res
        .status(400)
        .type('application/json')
        .send(errorBody('BAD_USER_INPUT', (error as Error).message));
      return;
    }
    const token = await signToken({ ...claims, expiresAt: PAGE_TOKEN_TTL, issuer: tokens.issuer, audience: tokens.audience }, tokens.secret);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      token,
      expiresIn: PAGE_TOKEN_TTL,
      claims: { sub: claims.sub, roles: claims.roles, region: claims.region ?? null, partner: claims.partner ?? null },
    });
  });
  return router;
}
