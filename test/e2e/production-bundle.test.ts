import fs from 'node:fs';
import path from 'node:path';
import { buildDashboard } from './browser-kit';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ASSETS = path.join(REPO_ROOT, 'dashboard', 'dist', 'assets');

jest.setTimeout(90_000);

// The same build the CDK app deploys (dashboard/dist), made here under jest's NODE_ENV=test.
describe('the dashboard bundle', () => {
  it('is production JSX: no jsxDEV calls and no source file paths of the machine that built it', async () => {
    await buildDashboard();
    const scripts = fs.readdirSync(ASSETS).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) {
      const code = fs.readFileSync(path.join(ASSETS, name), 'utf8');
      expect(code).not.toContain('jsxDEV');
      expect(code).not.toContain(REPO_ROOT);
      expect(code).not.toMatch(/\bfileName:/);
    }
  });
});
