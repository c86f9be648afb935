/** The revocation queue: where every path that learns a store must stop being used sends its signal. */
import type { RevocationEvent } from './revocation-event';

export interface RevocationQueue {
  send(event: RevocationEvent): Promise<void>;
}
