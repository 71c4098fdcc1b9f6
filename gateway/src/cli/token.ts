import { parseArgs } from 'node:util';
import { loadGatewayConfig } from '../config';
import { developmentClaims, DEVELOPMENT_SUB, signToken } from '../tokens';

/**
 * Prints a development token: npm run token -- --role DISTRICT_OFFICER --region 350105
 * A partner's: npm run token -- --role PARTNER --partner elder-canteens --region 350105
 * Signed with CIVIC_JWT_SECRET (the development default unless set), with the
 * issuer and audience the gateway checks when CIVIC_JWT_ISSUER / CIVIC_JWT_AUDIENCE are set.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      region: { type: 'string' },
      partner: { type: 'string' },
      sub: { type: 'string', default: DEVELOPMENT_SUB },
      ttl: { type: 'string', default: '8h' },
    },
  });
  // The same checks as the playground's picker; said here with the option to fix.
  let claims;
  try {
    claims = developmentClaims({ roles: values.role ?? [], region: values.region, partner: values.partner, sub: values.sub });
  } catch (error) {
    throw new Error(`--${(error as Error).message}`, { cause: error });
  }
  const config = loadGatewayConfig();
  const token = await signToken(
    {
      ...claims,
      expiresAt: values.ttl,
      issuer: config.CIVIC_JWT_ISSUER,
      audience: config.CIVIC_JWT_AUDIENCE,
    },
    config.CIVIC_JWT_SECRET,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  console.error(`token: ${(error as Error).message}`);
  process.exit(1);
});
