import * as z from 'zod';

/** Every path that learns of a revocation sends this one message shape to the revocation queue. */
export const REVOCATION_SOURCES = ['invalid_grant', 'disconnect', 'health-check', 'account-status'] as const;
export type RevocationSource = (typeof REVOCATION_SOURCES)[number];

export const RevocationEventSchema = z.strictObject({
  eventId: z.uuid(),
  storeId: z.string().regex(/^[A-Z0-9]{8,32}-(NA|EU|FE)$/),
  source: z.enum(REVOCATION_SOURCES),
  /**
   * When the evidence was taken. The worker never revokes a store authorized after this time, so for an
   * `invalid_grant` it should be the time the refresh token was read (before Decrypt and the LWA call): a
   * re-authorization that lands while the old token is being refused is then not undone.
   */
  at: z.iso.datetime(),
  /** Who asked, for disconnects: an operator id; otherwise the system. */
  actorId: z.string().max(128).optional(),
});

export type RevocationEvent = z.infer<typeof RevocationEventSchema>;
