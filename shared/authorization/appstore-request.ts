import * as z from 'zod';
import { SELLING_PARTNER_ID_PATTERN } from '../stores/store';

/**
 * Amazon's Appstore parameters, as our Login URI receives them (functions/appstore-login.ts), as the dashboard
 * checks them before showing the waiting seller, and as `POST /api/authorizations` accepts them: one set of rules
 * for all three. Kept apart from start-authorization.ts so the dashboard can load it without the server's state
 * code (node:crypto).
 */
export const AppstoreRequest = z.strictObject({
  amazonCallbackUri: z.string().min(1).max(2048),
  amazonState: z.string().regex(/^[\x21-\x7e]{1,1024}$/, 'amazonState is malformed'),
  sellingPartnerId: z.string().regex(SELLING_PARTNER_ID_PATTERN, 'sellingPartnerId is malformed'),
  version: z.literal('beta').optional(),
});

/** `POST /api/authorizations`, Appstore flow. */
export type AppstoreAuthorizationRequest = z.infer<typeof AppstoreRequest>;
