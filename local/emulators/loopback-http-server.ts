import type { IncomingMessage, Server } from 'node:http';

/** The emulators are for this machine only: they never listen on an interface another host can reach. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Listens on 127.0.0.1 (`port` 0 lets the OS choose) and resolves with the port actually bound. */
export function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('The server did not report a TCP address'));
        return;
      }
      resolve(address.port);
    });
  });
}

/** Stops accepting connections and drops idle keep-alive sockets, which would otherwise hold `close` open. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

export function loopbackEndpoint(port: number): string {
  return `http://${LOOPBACK_HOST}:${port}`;
}

/** Reads the whole body; past `limit` the rest is drained, not stored, and the request is refused. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw new RequestTooLarge();
  return Buffer.concat(chunks);
}

export class RequestTooLarge extends Error {
  constructor() {
    super('Request body too large');
    this.name = 'RequestTooLarge';
  }
}
