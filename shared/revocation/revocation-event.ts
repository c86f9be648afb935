import { z } from 'zod';

/** Every path that learns of a revocation sends this one message shape to the revocation queue. */
export const REVOCATION_SOURCES = ['invalid_grant', 'disconnect', 'health-check', 'account-status'] as const;

export const RevocationEventSchema = z.strictObject({
  eventId: z.uuid(),
  storeId: z.string().regex(/^[A-Z0-9]{8,32}-(NA|EU|FE)$/),
  source: z.enum(REVOCATION_SOURCES),
  at: z.iso.datetime(),
  /** Who asked, for disconnects: an operator id; otherwise the system. */
  actorId: z.string().max(128).optional(),
});

export type RevocationEvent = z.infer<typeof RevocationEventSchema>;
