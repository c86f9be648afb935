import type { RestockOverride, RestockSettingsResponse } from '../api/restock-contract';
import type { SettingsChangedRecord } from '../audit/audit-record';
import type { Caller } from '../auth/caller';
import { AccessDenied, BadRequest, SettingsConflict, StoreNotFound } from '../errors';
import {
  NotAnOwner,
  RestockSettingsConflict,
  type AuditTrail,
  type Clock,
  type StoreRepository,
} from '../ports';
import {
  parseRestockSettingsRequest,
  REGION_DEFAULTS,
  storedOrDefault,
  type RestockSettingsDocument,
  type StoredRestockSettings,
} from '../summaries/restock-settings';
import { auditStoreActionDenied, type StoreActionContext } from './store-action-audit';
import { STORE_ID_PATTERN, type StoreProfile } from './store';
import { inStoreScope, type StoreScope } from '../store-access/store-scope';

/**
 * A store's restock plan settings (docs/contracts.md, `GET/PUT /api/stores/{storeId}/restock-settings`): every member reads
 * them, owners change them; anyone else is refused and the refusal audited, like the members routes. Each saved
 * change is an audit record with what it was before and after. The repository re-checks ownership and the version
 * inside the write's transaction, so neither a stale decision nor a concurrent save can be applied.
 */
export interface RestockSettingsDependencies {
  readonly stores: Pick<
    StoreRepository,
    'getMembership' | 'getProfile' | 'getRestockSettings' | 'putRestockSettings'
  >;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  /** Past the gate, the store's items on its own store-access session (shared/store-access/store-scope.ts). */
  readonly scope?: StoreScope;
}

/** A PUT body is the settings and up to 500 overrides: well under this. */
export const RESTOCK_SETTINGS_MAX_BODY_BYTES = 131_072;

export async function getRestockSettings(
  deps: RestockSettingsDependencies,
  caller: Caller,
  storeId: string,
  requestId: string,
): Promise<RestockSettingsResponse> {
  const context = { actorId: caller.userId, storeId, operation: 'GetRestockSettings', requestId };
  const { profile, role, verifiedStoreId } = await requireMember(deps, context);
  return inStoreScope(deps.scope, verifiedStoreId, async () => {
    const stored = await deps.stores.getRestockSettings(storeId);
    return response(profile, stored, storedOrDefault(stored, profile.region), role === 'owner');
  });
}

export async function putRestockSettings(
  deps: RestockSettingsDependencies & { onAuditFailure: (error: unknown) => void },
  caller: Caller,
  storeId: string,
  body: unknown,
  requestId: string,
): Promise<RestockSettingsResponse> {
  const context = { actorId: caller.userId, storeId, operation: 'PutRestockSettings', requestId };
  const { profile, role, verifiedStoreId } = await requireMember(deps, context);
  if (role !== 'owner') {
    await auditStoreActionDenied(deps, context);
    throw new AccessDenied('Only an owner of the store can change its restock settings.');
  }
  return inStoreScope(deps.scope, verifiedStoreId, () =>
    saveRestockSettings(deps, caller, { storeId, body, requestId, profile, context }),
  );
}

async function saveRestockSettings(
  deps: RestockSettingsDependencies & { onAuditFailure: (error: unknown) => void },
  caller: Caller,
  args: {
    storeId: string;
    body: unknown;
    requestId: string;
    profile: StoreProfile;
    context: StoreActionContext;
  },
): Promise<RestockSettingsResponse> {
  const { storeId, body, requestId, profile, context } = args;
  const parsed = parseRestockSettingsRequest(body);
  if (!parsed.ok) throw new BadRequest(parsed.problems.join('; '));

  const stored = await deps.stores.getRestockSettings(storeId);
  const currentVersion = stored?.version ?? 0;
  if (parsed.value.version !== undefined && parsed.value.version !== currentVersion)
    throw new SettingsConflict();
  const before = storedOrDefault(stored, profile.region);
  const document: RestockSettingsDocument = {
    settings: parsed.value.settings,
    overrides: parsed.value.overrides,
  };
  const change = settingsChange(before, document);
  if (Object.keys(change.after).length === 0) return response(profile, stored, before, true);

  let saved: StoredRestockSettings;
  try {
    saved = await deps.stores.putRestockSettings({
      storeId,
      document,
      expectedVersion: currentVersion,
      actorUserId: caller.userId,
      now: deps.clock.now().toISOString(),
    });
  } catch (error) {
    if (error instanceof NotAnOwner)
      throw new AccessDenied('Only an owner of the store can change its restock settings.');
    if (error instanceof RestockSettingsConflict) throw new SettingsConflict();
    throw error;
  }
  const record: SettingsChangedRecord = {
    kind: 'settings-changed',
    at: saved.updatedAt,
    actor: { type: 'operator', id: caller.userId },
    storeId,
    sellingPartnerId: profile.sellingPartnerId,
    region: profile.region,
    operation: context.operation,
    outcome: 'allowed',
    requestId,
    settings: 'restock',
    version: saved.version,
    ...change,
  };
  // The change is made; a record that cannot be written is loud (metric, alarm), never silent.
  try {
    await deps.audit.write(record);
  } catch (error) {
    deps.onAuditFailure(error);
  }
  return response(profile, saved, document, true);
}

/** Members only (not admins: settings are the team's own); a stranger's attempt is audited before the 403. */
async function requireMember(
  deps: RestockSettingsDependencies,
  context: StoreActionContext,
): Promise<{ profile: StoreProfile; role: 'owner' | 'operator'; verifiedStoreId: string }> {
  if (!STORE_ID_PATTERN.test(context.storeId)) throw new StoreNotFound();
  const membership = await deps.stores.getMembership(context.storeId, context.actorId);
  if (membership === undefined) {
    await auditStoreActionDenied(deps, context);
    throw new AccessDenied();
  }
  const profile = await deps.stores.getProfile(context.storeId);
  if (profile === undefined) throw new StoreNotFound();
  return { profile, role: membership.role, verifiedStoreId: membership.storeId };
}

function response(
  profile: StoreProfile,
  stored: StoredRestockSettings | undefined,
  document: RestockSettingsDocument,
  canEdit: boolean,
): RestockSettingsResponse {
  return {
    storeId: profile.storeId,
    settings: document.settings,
    overrides: document.overrides,
    defaults: REGION_DEFAULTS[profile.region],
    version: stored?.version ?? 0,
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
    canEdit,
  };
}

const overrideKey = (override: RestockOverride) =>
  override.sellerSku !== undefined ? `sku:${override.sellerSku}` : `asin:${override.asin ?? ''}`;

/** Leaf values by path: `settings.modes.sea.transitDays` → 30. */
function flatten(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, `${prefix}.${key}`, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

/** What changed between two documents, as the audit record's `before` and `after` (only the changed keys). */
export function settingsChange(
  before: RestockSettingsDocument,
  after: RestockSettingsDocument,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changed = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  const was = flatten(before.settings, 'settings', new Map());
  const now = flatten(after.settings, 'settings', new Map());
  for (const [path, value] of now) {
    if (was.get(path) !== value) {
      changed.before[path] = was.get(path) ?? null;
      changed.after[path] = value;
    }
  }
  const oldOverrides = new Map(before.overrides.map((o) => [overrideKey(o), o]));
  const newOverrides = new Map(after.overrides.map((o) => [overrideKey(o), o]));
  for (const key of new Set([...oldOverrides.keys(), ...newOverrides.keys()])) {
    const previous = oldOverrides.get(key);
    const next = newOverrides.get(key);
    if (JSON.stringify(previous ?? null) === JSON.stringify(next ?? null)) continue;
    changed.before[`overrides.${key}`] = previous ?? null;
    changed.after[`overrides.${key}`] = next ?? null;
  }
  return changed;
}
