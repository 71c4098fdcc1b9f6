import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEV_JWT_SECRET } from '@civic/shared';
import { createAuthenticator } from '../src/auth';

const ROOT = path.join(__dirname, '..', '..');
const run = (...args: string[]) =>
  promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['gateway/src/cli/token.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'development' },
  });

describe('npm run token', () => {
  it("when a partner's token is asked for, then the gateway reads its role, region and partner from it", async () => {
    const { stdout } = await run('--role', 'PARTNER', '--partner', 'elder-canteens', '--region', '350105');
    const identity = await createAuthenticator({ secret: DEV_JWT_SECRET })(`Bearer ${stdout.trim()}`);
    expect(identity).toMatchObject({ roles: ['PARTNER'], region: '350105', partner: 'elder-canteens' });
  });

  it('when a PARTNER token is asked for without --partner, then it refuses and says which option is missing', async () => {
    await expect(run('--role', 'PARTNER', '--region', '350105')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/--partner/) });
  });
});
