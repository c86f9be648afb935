#!/usr/bin/env node
// Run before `npm test`: the tests need three things from Debian that npm cannot bring. Without them the run would
// fail much later with unrelated-looking errors (jest's "torn down" messages for a missing browser), so stop now
// with one line that names what to install. `.ci/run` installs all three on a fresh machine.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const missing = [];
const has = (command, args) => {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

if (!has('java', ['-version'])) missing.push(['Java 17 (DynamoDB Local)', 'openjdk-17-jre-headless']);
if (!existsSync('/usr/bin/chromium')) missing.push(["Debian's Chromium (browser tests)", 'chromium']);
let fonts = '';
try {
  fonts = execFileSync('fc-list', [], { encoding: 'utf8' });
} catch {
  // no fontconfig: no CJK font either
}
if (!/wenquanyi|noto sans cjk/i.test(fonts))
  missing.push(['a CJK font (简体中文 in screenshots)', 'fonts-wqy-microhei']);

if (missing.length > 0) {
  const packages = missing.map(([, name]) => name).join(' ');
  console.error(
    `npm test needs ${missing.map(([what]) => what).join(', ')}: run \`apt-get install -y --no-install-recommends ${packages}\` (as root), then npm test again.`,
  );
  process.exit(1);
}
