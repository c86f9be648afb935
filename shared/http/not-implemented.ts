import { NotImplemented } from '../errors';
import { httpHandler } from './handler';

/**
 * A route whose issue is not built yet answers 501 with the JSON error contract: honest to callers and to
 * tests, never a fake success.
 */
export const notImplementedHandler = (route: string, what: string) =>
  httpHandler(route, async () => {
    throw new NotImplemented(what);
  });
