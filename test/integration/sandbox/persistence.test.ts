import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  authorizeSeller,
  EU_SELLER,
  NA_SELLER,
  refreshAccessToken,
  startTestSandbox,
} from './sandbox-test-kit';

// `npm start` keeps refresh tokens in its table across restarts, so the sandbox must keep honouring them.
describe('sandbox state file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-sandbox-state-'));
  const stateFile = path.join(dir, 'sandbox-state.json');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps authorizations and refresh tokens across a restart, revocations included, in a 0600 file', async () => {
    const first = await startTestSandbox({ stateFile });
    const kept = await authorizeSeller(first, NA_SELLER);
    const revoked = await authorizeSeller(first, EU_SELLER);
    first.revoke(EU_SELLER, 'EU');
    await first.close();

    expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);
    const second = await startTestSandbox({ stateFile });
    try {
      expect((await refreshAccessToken(second, kept.refreshToken)).status).toBe(200);
      const refused = await refreshAccessToken(second, revoked.refreshToken);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_grant');
    } finally {
      await second.close();
    }
  });
});
