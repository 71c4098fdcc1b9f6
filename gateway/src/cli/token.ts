import { parseArgs } from 'node:util';
import { isRegionCode, isRole, ROLES } from '@civic/shared';
import { loadGatewayConfig } from '../config';
import { signToken } from '../tokens';

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
      sub: { type: 'string', default: '00000000-0000-4000-8000-000000000001' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  const roles = values.role ?? [];
  if (roles.length === 0 || !roles.every(isRole)) {
    throw new Error(`--role must be one of ${ROLES.join(', ')} (repeat it for several)`);
  }
  if (values.region !== undefined && !isRegionCode(values.region)) {
    throw new Error('--region must be a region code of 2, 4, 6, 9 or 12 digits, e.g. 350105');
  }
  // The gateway refuses these mistakes too; said here, they name the option to fix.
  const isPartner = roles.includes('PARTNER');
  if (isPartner && !values.partner) throw new Error('--partner must name the partner subgraph of a PARTNER, e.g. elder-canteens');
  if (!isPartner && values.partner) throw new Error('--partner is for --role PARTNER only');
  const config = loadGatewayConfig();
  const token = await signToken(
    {
      sub: values.sub as string,
      roles,
      region: values.region,
      partner: values.partner,
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
