import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MILLISECONDS_PER_DAY, MILLISECONDS_PER_HOUR, SECONDS_PER_DAY } from '../../shared/time';

const root = path.join(__dirname, '..', '..');
// What is deployed or served: the stack, the functions, shared code, the dashboard and the scripts. The local
// sandbox (a test and demo tool) keeps its own clock arithmetic.
const FOLDERS = ['bin', 'lib', 'functions', 'shared', 'dashboard/src', 'scripts'];
/** A day or an hour written out again: 86400, 86_400_000, 24 * 60 * 60, 60 * 60 * 24, 24 * 3600. */
const DAY_LENGTH =
  /\b86_?400(?:_?000)?\b|\b24 \* 60 \* 60\b|\b60 \* 60 \* 24\b|\b24 \* 3_?600\b|\b3_?600_?000\b/;

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

describe('one day length', () => {
  it('is 24 hours of 3,600,000 ms, and 86,400 s', () => {
    expect(MILLISECONDS_PER_HOUR).toBe(3_600_000);
    expect(MILLISECONDS_PER_DAY).toBe(24 * MILLISECONDS_PER_HOUR);
    expect(SECONDS_PER_DAY * 1000).toBe(MILLISECONDS_PER_DAY);
  });

  it('is written once, in shared/time.ts: everything else imports it', () => {
    const again = FOLDERS.flatMap(sourceFiles)
      .filter((file) => file !== 'shared/time.ts')
      .flatMap((file) =>
        readFileSync(path.join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (DAY_LENGTH.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );

    expect(again).toEqual([]);
  });
});
