import { AppstoreRequest } from '../../../shared/authorization/appstore-request';
import {
  APPSTORE_HANDOFF_KEY,
  HANDOFF_LIFETIME_MS,
  captureHandOff,
  isAppstorePath,
  keepAppstoreHandOff,
  loadAppstoreSchema,
  markHandOffSent,
  readHandOff,
} from '../../../dashboard/src/data/appstore-handoff';
import { withoutAppstoreParams } from '../../../dashboard/src/data/appstore-params';

const CALLBACK = 'https://sellercentral.amazon.com/apps/authorize/confirm/amzn1.sp.solution.x';
const query = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
const VALID = query({
  amazon_callback_uri: CALLBACK,
  amazon_state: 'state-1',
  selling_partner_id: 'A2LUMENCRAFT7Q',
});
const T0 = Date.parse('2026-12-03T09:00:00Z');

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('the Appstore hand-off, kept in this tab and checked with the API schema', () => {
  it('keeps a valid set from the query and offers it, checked by the same zod schema as the API', () => {
    const storage = memoryStorage();
    expect(captureHandOff(VALID, storage, T0)).toBe(true);
    expect(readHandOff(storage, T0 + 1000, AppstoreRequest)).toEqual({
      kind: 'valid',
      request: { amazonCallbackUri: CALLBACK, amazonState: 'state-1', sellingPartnerId: 'A2LUMENCRAFT7Q' },
    });
  });

  it('refuses a tampered or incomplete set: invalid, nothing of it offered', () => {
    for (const tampered of [
      query({ amazon_callback_uri: CALLBACK, amazon_state: 'state-1', selling_partner_id: 'a2<script>' }),
      query({
        amazon_callback_uri: CALLBACK,
        amazon_state: 'has space',
        selling_partner_id: 'A2LUMENCRAFT7Q',
      }),
      `${VALID}&version=alpha`,
      query({ amazon_state: 'state-1', selling_partner_id: 'A2LUMENCRAFT7Q' }),
      query({
        amazon_callback_uri: 'x'.repeat(2049),
        amazon_state: 's',
        selling_partner_id: 'A2LUMENCRAFT7Q',
      }),
    ]) {
      const storage = memoryStorage();
      expect(captureHandOff(tampered, storage, T0)).toBe(true);
      expect(readHandOff(storage, T0, AppstoreRequest)).toEqual({ kind: 'invalid' });
    }
    const storage = memoryStorage();
    storage.setItem(APPSTORE_HANDOFF_KEY, '{not json');
    expect(readHandOff(storage, T0, AppstoreRequest)).toEqual({ kind: 'none' });
  });

  it('accepts version=beta, as the API does', () => {
    const storage = memoryStorage();
    captureHandOff(`${VALID}&version=beta`, storage, T0);
    const handOff = readHandOff(storage, T0, AppstoreRequest);
    expect(handOff.kind === 'valid' && handOff.request.version).toBe('beta');
  });

  it('expires after its lifetime, and nothing kept means nothing to show', () => {
    const storage = memoryStorage();
    expect(readHandOff(storage, T0, AppstoreRequest)).toEqual({ kind: 'none' });
    captureHandOff(VALID, storage, T0);
    expect(readHandOff(storage, T0 + HANDOFF_LIFETIME_MS, AppstoreRequest).kind).toBe('valid');
    expect(readHandOff(storage, T0 + HANDOFF_LIFETIME_MS + 1, AppstoreRequest)).toEqual({ kind: 'expired' });
  });

  it('is sent at most once: after the browser left for Amazon the same amazon_state is never offered again', () => {
    const storage = memoryStorage();
    captureHandOff(VALID, storage, T0);
    markHandOffSent(storage, T0 + 5000);
    expect(readHandOff(storage, T0 + 6000, AppstoreRequest)).toEqual({ kind: 'sent' });
    // The same set arriving again (history, a reload of the old address) stays sent.
    captureHandOff(VALID, storage, T0 + 7000);
    expect(readHandOff(storage, T0 + 8000, AppstoreRequest)).toEqual({ kind: 'sent' });
    // A new hand-off from Amazon (another amazon_state) is offered.
    captureHandOff(VALID.replace('state-1', 'state-2'), storage, T0 + 9000);
    expect(readHandOff(storage, T0 + 9000, AppstoreRequest).kind).toBe('valid');
  });

  it('moves the parameters out of the address bar on the Appstore page only, keeping the rest', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const history = {
      replaceState: (_d: unknown, _u: string, url?: string | URL | null) => void replaced.push(String(url)),
    };
    keepAppstoreHandOff(
      { pathname: '/appstore', search: `${VALID}&lang=en`, hash: '#x' },
      history,
      storage,
      T0,
    );
    expect(replaced).toEqual(['/appstore?lang=en#x']);
    expect(storage.items.has(APPSTORE_HANDOFF_KEY)).toBe(true);

    keepAppstoreHandOff({ pathname: '/appstore', search: '', hash: '' }, history, storage, T0);
    keepAppstoreHandOff({ pathname: '/stores', search: VALID, hash: '' }, history, memoryStorage(), T0);
    expect(replaced).toHaveLength(1);
    expect(withoutAppstoreParams(VALID)).toBe('');
    expect(isAppstorePath('/appstore/')).toBe(true);
    expect(isAppstorePath('/appstores')).toBe(false);
  });

  it('loads the schema the API uses (its own chunk in the dashboard build)', async () => {
    expect(await loadAppstoreSchema()).toBe(AppstoreRequest);
  });
});
