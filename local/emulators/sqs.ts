import { createServer } from 'node:http';
import { createRequestHandler } from 'local-aws-sqs';
import { closeServer, listenOnLoopback, LOOPBACK_HOST, loopbackEndpoint } from './loopback-http-server';

export interface SqsEmulatorOptions {
  /** 0 (the default) lets the OS choose a free port. */
  port?: number;
}

export interface SqsEmulatorHandle {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * An in-memory SQS (`local-aws-sqs`, which speaks the JSON protocol of SDK v3) on 127.0.0.1. Queues and
 * messages live in this process and are gone on stop.
 */
export async function startSqsEmulator(options: SqsEmulatorOptions = {}): Promise<SqsEmulatorHandle> {
  // createSqsServer() would do the listening itself but never rejects when the port is taken, so the server
  // is built here around the package's request handler.
  const { service, requestHandler } = createRequestHandler({
    port: options.port ?? 0,
    hostname: LOOPBACK_HOST,
    region: 'us-east-1',
    // The same placeholder account as the KMS stand-in's ARNs.
    accountId: '000000000000',
    // Real SQS makes a deleted queue's name unusable for 60 s; tests that recreate queues should not wait.
    emulateQueueCreationLifecycle: false,
  });
  const server = createServer((request, response) => {
    // The handler parses some headers before its own error handling (a JSON request without X-Amz-Target
    // throws): answer those as a bad request instead of letting the rejection take the process down.
    requestHandler(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(400);
      response.end();
    });
  });
  const port = await listenOnLoopback(server, options.port ?? 0);
  // Queue URLs are built from this; with port 0 it is only known now.
  service.PORT = port;

  return {
    endpoint: loopbackEndpoint(port),
    stop: async () => {
      await closeServer(server);
      service.resetAll(); // clears the visibility timers of in-flight messages
    },
  };
}
