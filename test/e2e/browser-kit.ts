import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLocalWorkspace, type LocalWorkspace } from '../../local/runtime/workspace';

/**
 * What the browser tests share: the dashboard build, the local workspace started in this process, Debian's
 * Chromium driven by playwright-core, and signing in as a seeded operator through the local sign-in page.
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts', 'e2e');
const CHROMIUM = '/usr/bin/chromium';
/** The CI image's flags: no sandbox (root in a container), nothing that phones home or needs a GPU. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
/** The smallest screen the dashboard is designed for. */
const VIEWPORT = { width: 1366, height: 768 };

const BUILD_LOCK = path.join(os.tmpdir(), 'mint-hub-dashboard-build.lock');
/** When this jest process started: a build since then is of this run's sources. */
const STARTED_AT = Date.now() - process.uptime() * 1000;

/**
 * Builds `dashboard/dist` every time (about 2 s): the workspace serves the build, and a stale one would test
 * yesterday's dashboard. Test files may run in parallel workers, and a build empties `dist/` first: one build
 * at a time (a lock directory), and a file whose neighbour has just built the same tree uses that build rather
 * than emptying `dist/` under the neighbour's running tests.
 */
export async function buildDashboard(): Promise<void> {
  const index = path.join(REPO_ROOT, 'dashboard', 'dist', 'index.html');
  for (const giveUpAt = Date.now() + 90_000; ;) {
    try {
      fs.mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lockAge =
        Date.now() - (fs.statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (lockAge > 120_000) fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > giveUpAt)
        throw new Error(`another dashboard build holds ${BUILD_LOCK}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    const builtAt = fs.statSync(index, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (builtAt >= STARTED_AT) return;
    await promisify(execFile)('npm', ['run', '--silent', 'build'], {
      cwd: REPO_ROOT,
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } finally {
    fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
  if (!fs.existsSync(index)) throw new Error('npm run build did not produce dashboard/dist/index.html');
}

export interface RunningWorkspace {
  readonly workspace: LocalWorkspace;
  readonly url: string;
  readonly sandboxUrl: string;
  /** The workspace's own log lines and the handlers' console output, for diagnosis. */
  readonly log: () => string;
  stop(): Promise<void>;
}

/**
 * The whole product on a free port with its own data folder and no demo stores. The handlers log through
 * console (Powertools in dev mode): kept in memory and written to `test-artifacts/e2e/workspace.log` at stop,
 * so jest's output stays readable.
 */
export async function startWorkspace(): Promise<RunningWorkspace> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-browser-'));
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((method) => [method, console[method]] as const);
  for (const method of methods) {
    console[method] = (...args: unknown[]) => {
      lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    };
  }
  const restoreConsole = () => {
    for (const [method, original] of originals) console[method] = original;
  };
  let workspace: LocalWorkspace;
  try {
    workspace = await startLocalWorkspace({ dataDir, port: 0, seed: false, log: (line) => lines.push(line) });
  } catch (error) {
    restoreConsole();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`the local workspace did not start: ${String(error)}\n${lines.join('\n')}`, {
      cause: error,
    });
  }
  if (workspace.sandboxUrl === undefined) throw new Error('the local workspace started without its sandbox');
  const { sandboxUrl } = workspace;
  return {
    workspace,
    url: workspace.url,
    sandboxUrl,
    log: () => lines.join('\n'),
    async stop() {
      try {
        await workspace.stop();
      } finally {
        restoreConsole();
        fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
        fs.writeFileSync(path.join(ARTIFACTS_DIR, 'workspace.log'), `${lines.join('\n')}\n`);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // playwright adds --headless and a fresh temporary --user-data-dir itself.
    headless: true,
    args: CHROMIUM_FLAGS,
    // Starting Chromium takes a few seconds, far more while the machine's two cores run other suites.
    timeout: 60_000,
  });
}

/**
 * A fresh context (no cookies, no storage) whose browser prefers `locale` (English unless told), at the
 * dashboard's smallest size.
 */
export async function newContext(browser: Browser, locale = 'en-US'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale, timezoneId: 'UTC' });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  return context;
}

export type SeededUser = 'ada' | 'lin' | 'sofia';
const DISPLAY_NAMES: Record<SeededUser, string> = {
  ada: 'Ada Okafor',
  lin: 'Lin Zhao',
  sofia: 'Sofia Marino',
};

/**
 * Opens `pathname` in a fresh context and signs in as a person does: the dashboard sends the browser to the
 * local sign-in page, the operator is picked, and the dashboard comes back to `pathname` with its heading shown.
 */
export async function signInAs(
  browser: Browser,
  workspace: RunningWorkspace,
  user: SeededUser,
  pathname = '/stores',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${workspace.url}${pathname}`);
  await page.waitForURL((url) => url.pathname === '/local/oauth2/authorize');
  await page.getByRole('button', { name: new RegExp(`^${DISPLAY_NAMES[user]}\\b`) }).click();
  await page.waitForURL(
    (url) => url.origin === workspace.url && url.pathname === new URL(pathname, workspace.url).pathname,
  );
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { context, page };
}

/** A full-page screenshot in `test-artifacts/e2e/<name>.png` (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The sandbox's fault injection (`/__sandbox/faults`): `{}` clears every fault. */
export async function setSandboxFaults(
  workspace: RunningWorkspace,
  faults: { throttleStorm?: number; spapi5xx?: number; lwa5xx?: number; latencyMs?: number },
): Promise<void> {
  const clear = Object.keys(faults).length === 0;
  const response = await fetch(`${workspace.sandboxUrl}/__sandbox/faults`, {
    method: clear ? 'DELETE' : 'POST',
    ...(clear ? {} : { body: JSON.stringify(faults), headers: { 'content-type': 'application/json' } }),
  });
  if (!response.ok) throw new Error(`sandbox faults: ${response.status} ${await response.text()}`);
}

export interface BrowserSuite {
  /** The running workspace (set once `beforeAll` has run). */
  readonly workspace: RunningWorkspace;
  readonly browser: Browser;
  /** Signs in as `user` in a fresh context ({@link signInAs}), closed after the test whether it passed or not. */
  signedIn(user: SeededUser, pathname?: string): Promise<Page>;
  /** A context the test made itself, closed after the test like those of {@link BrowserSuite.signedIn}. */
  track(context: BrowserContext): BrowserContext;
}

/**
 * What every browser test file sets up, registered as its jest hooks: the dashboard build, a workspace of its own
 * and Chromium before all tests (a file's own `beforeAll` runs after these), its contexts closed after each test,
 * and the browser and workspace stopped after all.
 */
export function browserSuite(): BrowserSuite {
  let workspace: RunningWorkspace | undefined;
  let browser: Browser | undefined;
  const openContexts: BrowserContext[] = [];
  beforeAll(async () => {
    // Settled one by one: when one part fails (a browser that does not launch on a loaded machine), the parts that
    // did start are still known to afterAll and stopped, so a failed file never leaves a workspace running (which
    // would keep jest from exiting).
    const [built, started, launched] = await Promise.allSettled([
      buildDashboard(),
      startWorkspace(),
      launchBrowser(),
    ]);
    if (started.status === 'fulfilled') workspace = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const part of [built, started, launched]) if (part.status === 'rejected') throw part.reason;
  }, 120_000);
  afterEach(async () => {
    await Promise.all(openContexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await workspace?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser suite has not started (used outside a test?)');
    return value;
  };
  const suite: BrowserSuite = {
    get workspace() {
      return started(workspace);
    },
    get browser() {
      return started(browser);
    },
    async signedIn(user, pathname) {
      const { context, page } = await signInAs(suite.browser, suite.workspace, user, pathname);
      openContexts.push(context);
      return page;
    },
    track(context) {
      openContexts.push(context);
      return context;
    },
  };
  return suite;
}

/**
 * Connects a store as a person does from the stores view: "Authorize with Amazon" for `region`, the seller picked
 * in the sandbox's Seller Central consent and confirmed, and back on `/stores`.
 */
export async function connectStore(
  page: Page,
  workspace: RunningWorkspace,
  store: { region: 'NA' | 'EU' | 'FE'; sellingPartnerId: string },
): Promise<void> {
  await page.getByLabel('Amazon region').selectOption(store.region);
  await page.getByRole('button', { name: 'Authorize with Amazon' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${workspace.sandboxUrl}/apps/authorize/consent`));
  await page.getByRole('radio', { name: new RegExp(store.sellingPartnerId) }).check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL((url) => url.origin === workspace.url && url.pathname === '/stores');
}
