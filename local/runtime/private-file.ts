import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Files that hold local secrets (the app registration, the token signing key): created whole, mode 0600, in a
 * directory created 0700, and refused when readable by others, as ssh refuses a private key. Their contents are
 * never put in an error message: a parse error names the file, not the text it failed on.
 */

/** Reads and parses the file, or undefined when it does not exist. */
export async function readPrivateJson(file: string): Promise<unknown> {
  let mode: number;
  try {
    ({ mode } = await stat(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `${file} is accessible to other users (mode ${(mode & 0o777).toString(8)}); restrict it with: chmod 600 ${file}`,
    );
  }
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    throw new Error(`${file} is not valid JSON; delete it (or start with --reset) to create a new one`);
  }
}

/**
 * Writes the file under a temporary name, then links it into place, so it appears whole or not at all and two
 * processes starting at once cannot both win. Returns false when the file already existed.
 */
export async function createPrivateJsonOnce(file: string, value: unknown): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporaryFile = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporaryFile, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporaryFile, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporaryFile);
  }
}

/** Loads the file with `parse`, or creates it from `create()` on first use (keeping whichever won a race). */
export async function loadOrCreatePrivateJson<T>(
  file: string,
  parse: (value: unknown) => T,
  create: () => Promise<unknown> | unknown,
): Promise<T> {
  const existing = await readPrivateJson(file);
  if (existing !== undefined) return parse(existing);
  await createPrivateJsonOnce(file, await create());
  return parse(await readPrivateJson(file));
}
