import type { Store } from '../../../dashboard/src/api/types';
import { accountAtRisk, sortStores, storeStatusView } from '../../../dashboard/src/data/store-status';
import { en } from '../../../dashboard/src/i18n/en';
import { zhCN } from '../../../dashboard/src/i18n/zh-CN';

const store = (overrides: Partial<Store> & { accountStatus?: 'NORMAL' | 'AT_RISK' | 'DEACTIVATED' }) => ({
  storeId: 'A2LUMENCRAFT7Q-NA',
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA' as const,
  marketplaceIds: ['ATVPDKIKX0DER'],
  status: 'ACTIVE' as const,
  role: 'owner' as const,
  ...overrides,
});

describe("the dashboard's view of Amazon's account status", () => {
  it('shows SUSPENDED as its own status, ranked before active stores', () => {
    const suspended = store({ storeId: 'B-NA', status: 'SUSPENDED', accountStatus: 'DEACTIVATED' });

    expect(storeStatusView(suspended)).toEqual({ kind: 'suspended' });
    expect(accountAtRisk(suspended)).toBe(false);
    expect(sortStores([store({}), suspended]).map((s) => s.storeId)).toEqual(['B-NA', 'A2LUMENCRAFT7Q-NA']);
  });

  it('flags AT_RISK on a readable store only', () => {
    expect(accountAtRisk(store({ accountStatus: 'AT_RISK' }))).toBe(true);
    expect(accountAtRisk(store({ accountStatus: 'AT_RISK', status: 'REAUTH_REQUIRED' }))).toBe(true);
    expect(accountAtRisk(store({ accountStatus: 'AT_RISK', status: 'REVOKED' }))).toBe(false);
    expect(accountAtRisk(store({ accountStatus: 'NORMAL' }))).toBe(false);
    expect(accountAtRisk(store({}))).toBe(false);
  });

  it('explains both in English and 简体中文', () => {
    for (const key of ['stores.status.atRisk', 'store.atRisk.explain', 'store.suspended.explain'] as const) {
      expect(en[key]).toMatch(/\w/);
      expect(zhCN[key]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
