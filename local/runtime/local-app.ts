import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { loadOrCreatePrivateJson } from './private-file';

/**
 * The SP-API application the local workspace plays: its ids and LWA client secret are generated on first start
 * and kept in `<data>/local-app.json` (0600), so tokens the sandbox issued to it keep working after a restart.
 * The client secret is a secret even here: it is never printed or logged.
 */
export interface LocalApp {
  readonly applicationId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

const localAppSchema = z.object({
  applicationId: z.string().min(1),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  createdAt: z.string(),
});

export const LOCAL_APP_FILE = 'local-app.json';

export async function loadOrCreateLocalApp(file: string): Promise<LocalApp> {
  return loadOrCreatePrivateJson(
    file,
    (value) => {
      const parsed = localAppSchema.safeParse(value);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
        throw new Error(`${file} is not a valid app registration (check: ${fields})`);
      }
      const { applicationId, clientId, clientSecret } = parsed.data;
      return { applicationId, clientId, clientSecret };
    },
    () => ({
      // The shapes Amazon uses, so nothing downstream can tell a local app from a real one by its ids.
      applicationId: `amzn1.sp.solution.${randomUUID()}`,
      clientId: `amzn1.application-oa2-client.${randomBytes(16).toString('hex')}`,
      clientSecret: `amzn1.oa2-cs.v1.${randomBytes(32).toString('hex')}`,
      createdAt: new Date().toISOString(),
    }),
  );
}

/**
 * A real app registration from the environment (all three settings), for running against real endpoints;
 * undefined when none is set. Setting only some is refused, naming what is missing.
 */
export function appFromEnvironment(env: Readonly<Record<string, string | undefined>>): LocalApp | undefined {
  const names = ['MINT_HUB_APP_ID', 'MINT_HUB_LWA_CLIENT_ID', 'MINT_HUB_LWA_CLIENT_SECRET'] as const;
  const values = names.map((name) => env[name]?.trim() || undefined);
  if (values.every((value) => value === undefined)) return undefined;
  const missing = names.filter((_, index) => values[index] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `Set all of ${names.join(', ')} to use your own app registration, or none to use the local one; missing: ${missing.join(', ')}`,
    );
  }
  const [applicationId, clientId, clientSecret] = values as [string, string, string];
  return { applicationId, clientId, clientSecret };
}
