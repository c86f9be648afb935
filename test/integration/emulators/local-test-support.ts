import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

/** The emulators accept any credentials; the SDK still needs some to sign with. */
export const LOCAL_CLIENT_CONFIG = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

export function portOf(endpoint: string): number {
  return Number(new URL(endpoint).port);
}

/**
 * The addresses of this machine's other interfaces on which `port` accepts a TCP connection. An emulator bound
 * to 127.0.0.1 only gives an empty list (trivially so on a machine with loopback alone).
 */
export async function reachableOnOtherInterfaces(port: number): Promise<string[]> {
  const addresses = Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal && !entry.address.startsWith('fe80:'))
    .map((entry) => entry.address);
  const accepted = await Promise.all(addresses.map((host) => acceptsConnection(host, port)));
  return addresses.filter((_, index) => accepted[index]);
}

function acceptsConnection(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const finish = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('timeout', () => finish(false));
  });
}

/** The error a call fails with (the test fails if it does not). */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to fail');
}
