import { chmod, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The local workspace's state folder (`.mint-hub/` by default): DynamoDB Local's files, the KMS stand-in's key,
 * the token signing key, the app registration, the Amazon sandbox's authorizations and the audit trail. Private to
 * the user (0700).
 */

/** Written into every data folder we create, so `--reset` never deletes a folder that is not ours. */
const MARKER_FILE = 'MINT_HUB_DATA_DIR';
const MARKER_TEXT =
  'Mint Hub Operations local workspace state (npm start). Safe to delete; `npm start -- --reset` does.\n';

export const dataPaths = (dataDir: string) => ({
  dynamodb: path.join(dataDir, 'dynamodb'),
  kmsKey: path.join(dataDir, 'kms-key.json'),
  signingKey: path.join(dataDir, 'local-signing-key.json'),
  localApp: path.join(dataDir, 'local-app.json'),
  auditFile: path.join(dataDir, 'audit.jsonl'),
  sandboxState: path.join(dataDir, 'sandbox-state.json'),
});

export async function prepareDataDir(dataDir: string, options: { reset?: boolean } = {}): Promise<void> {
  const dir = path.resolve(dataDir);
  if (options.reset) await removeDataDir(dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const contents = await readdir(dir);
  if (contents.length === 0) {
    await chmod(dir, 0o700); // mkdir's mode is filtered by the umask; this is not
    await writeFile(path.join(dir, MARKER_FILE), MARKER_TEXT, { mode: 0o600 });
  }
}

async function removeDataDir(dir: string): Promise<void> {
  let contents: string[];
  try {
    contents = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (contents.length > 0 && !contents.includes(MARKER_FILE)) {
    throw new Error(
      `Refusing to reset ${dir}: it is not empty and was not created by the local workspace (no ${MARKER_FILE} file).`,
    );
  }
  const info = await stat(dir);
  if (!info.isDirectory()) throw new Error(`${dir} is not a directory`);
  await rm(dir, { recursive: true, force: true });
}
