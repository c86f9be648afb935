import * as z from 'zod';
import { DISPLAY_NAME_MAX_LENGTH, type DisplayNameResponse } from '../api/display-name-contract';
import type { SettingsChangedRecord } from '../audit/audit-record';
import type { Caller } from '../auth/caller';
import { AccessDenied, BadRequest, StoreNotFound } from '../errors';
import {
  NotAnOwner,
  type AuditTrail,
  type Clock,
  type StoreDisplayNameStore,
  type StoreRepository,
} from '../ports';
import { auditStoreActionDenied } from './store-action-audit';
import { STORE_ID_PATTERN } from './store';
import { inStoreScope, type StoreScope } from '../store-access/store-scope';

export interface DisplayNameDependencies {
  readonly stores: Pick<StoreRepository, 'getMembership' | 'getProfile'> & StoreDisplayNameStore;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly onAuditFailure: (error: unknown) => void;
  /** Past the gate, the store's items on its own store-access session (shared/store-access/store-scope.ts). */
  readonly scope?: StoreScope;
}

/** A body is `{"displayName": "…"}`: far below this. */
export const DISPLAY_NAME_MAX_BODY_BYTES = 2048;

/** Control characters, invisible format characters (bidi overrides, zero-width) and line separators. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

const displayNameSchema = z
  .object({
    displayName: z.union([
      z.null(),
      z
        .string()
        .transform((value) => value.normalize('NFC').trim())
        .refine((value) => value !== '', 'must not be empty (send null to use the name from Amazon)')
        .refine(
          (value) => [...value].length <= DISPLAY_NAME_MAX_LENGTH,
          `must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`,
        )
        .refine(
          (value) => !HIDDEN_CHARACTERS.test(value),
          'must not contain control or invisible characters',
        ),
    ]),
  })
  .strict();

/** The new override from a request body; anything else is a 400 that changes nothing. */
export function parseDisplayNameRequest(body: unknown): string | null {
  const parsed = displayNameSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.path.length === 0 ? issue.message : `${issue.path.join('.')} ${issue.message}`,
    );
    throw new BadRequest(`displayName: ${problems.join('; ')}`);
  }
  return parsed.data.displayName;
}

/**
 * An owner overrides the store's display name (or clears the override). Members who are not owners are refused
 * (403), strangers too (403, as every store route answers them, with nothing about the store), each refusal
 * audited. A change is a `settings-changed` record (`settings: "display-name"`) with the override before and after.
 */
export async function putStoreDisplayName(
  deps: DisplayNameDependencies,
  caller: Caller,
  storeId: string,
  body: unknown,
  requestId: string,
): Promise<DisplayNameResponse> {
  const context = { actorId: caller.userId, storeId, operation: 'PutStoreDisplayName', requestId };
  if (!STORE_ID_PATTERN.test(storeId)) throw new StoreNotFound();
  const membership = await deps.stores.getMembership(storeId, caller.userId);
  if (membership?.role !== 'owner') {
    await auditStoreActionDenied(deps, context);
    throw membership === undefined
      ? new AccessDenied()
      : new AccessDenied('Only an owner of the store can change its name.');
  }
  const displayName = parseDisplayNameRequest(body);
  const profile = await deps.stores.getProfile(storeId);
  if (profile === undefined) throw new StoreNotFound();
  return inStoreScope(deps.scope, membership.storeId, async () => {
    let result;
    try {
      result = await deps.stores.setDisplayNameOverride({
        storeId,
        displayName,
        actorUserId: caller.userId,
        now: deps.clock.now().toISOString(),
      });
    } catch (error) {
      if (error instanceof NotAnOwner)
        throw new AccessDenied('Only an owner of the store can change its name.');
      throw error;
    }
    if (result.changed) {
      const record: SettingsChangedRecord = {
        kind: 'settings-changed',
        at: deps.clock.now().toISOString(),
        actor: { type: 'operator', id: caller.userId },
        storeId,
        sellingPartnerId: profile.sellingPartnerId,
        region: profile.region,
        operation: context.operation,
        outcome: 'allowed',
        requestId,
        settings: 'display-name',
        version: result.version,
        before: { displayName: result.before },
        after: { displayName: result.after },
      };
      // The change is made; a record that cannot be written is loud (metric, alarm), never silent.
      try {
        await deps.audit.write(record);
      } catch (error) {
        deps.onAuditFailure(error);
      }
    }
    return {
      storeId,
      displayName: result.after ?? result.amazonName,
      displayNameOverride: result.after,
      amazonName: result.amazonName,
      version: result.version,
    };
  });
}
