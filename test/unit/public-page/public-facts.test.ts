import { STAGES } from '../../../bin/stages';
import { parseStageConfig } from '../../../lib/stage-config';
import { ADS_SCOPE } from '../../../shared/ads/ads-consent';
import { STATE_LIFETIME_SECONDS } from '../../../shared/authorization/oauth-state';
import { ENV, MissingSettingError } from '../../../shared/config/settings';
import {
  buildPublicPageFacts,
  LOCAL_CONTACT_EMAIL,
  publicPageFactsFromEnvironment,
} from '../../../shared/public-page/public-facts';
import { REVOCATION_QUEUE_DEFINITION } from '../../../shared/revocation/queue-definition';
import { AUDIT_LOG_RETENTION_DAYS } from '../../../shared/storage/retention-periods';
import {
  INVENTORY_SNAPSHOT_RETENTION_SECONDS,
  ORDER_HISTORY_RETENTION_SECONDS,
} from '../../../shared/store-data/snapshot-freshness';
import { AUTHORIZATION_LIFETIME_DAYS } from '../../../shared/stores/store';

describe('public page facts', () => {
  it('lists every live dataset in a fixed order, each with the role or consent it needs', () => {
    const facts = buildPublicPageFacts({ datasets: ['ads', 'inventory', 'orders'], integrationLive: false });

    expect(facts.datasets).toEqual(['inventory', 'orders', 'ads']);
    expect(facts.access).toEqual([
      { dataset: 'inventory', api: 'sp-api', role: 'Amazon Fulfillment' },
      { dataset: 'orders', api: 'sp-api', role: 'Inventory and Order Tracking' },
      { dataset: 'ads', api: 'ads-api', scope: 'advertising::campaign_management' },
    ]);
    expect(facts.integrationLive).toBe(false);
  });

  it('never lists a role of a dataset that is not live', () => {
    const facts = buildPublicPageFacts({ datasets: new Set(['orders'] as const), integrationLive: true });

    expect(facts.datasets).toEqual(['orders']);
    expect(facts.access.map((access) => access.dataset)).toEqual(['orders']);
    expect(facts.retention.snapshots.map((snapshot) => snapshot.dataset)).toEqual(['orders']);
    expect(buildPublicPageFacts({ datasets: [], integrationLive: false }).access).toEqual([]);
  });

  it('asks for the same Ads scope as the Ads consent does', () => {
    const ads = buildPublicPageFacts({ datasets: ['ads'], integrationLive: true }).access[0];
    expect(ads).toEqual({ dataset: 'ads', api: 'ads-api', scope: ADS_SCOPE });
  });

  it('states the retention the code applies', () => {
    const { retention } = buildPublicPageFacts({ datasets: ['inventory', 'orders'], integrationLive: false });

    expect(retention).toEqual({
      snapshots: [
        { dataset: 'inventory', days: INVENTORY_SNAPSHOT_RETENTION_SECONDS / 86_400 },
        { dataset: 'orders', days: ORDER_HISTORY_RETENTION_SECONDS / 86_400 },
      ],
      auditLogDays: AUDIT_LOG_RETENTION_DAYS,
      siteAccessLogDays: 400,
      revocationQueueDays: REVOCATION_QUEUE_DEFINITION.retentionDays,
      deadLetterQueueDays: REVOCATION_QUEUE_DEFINITION.deadLetterRetentionDays,
      authorizationStateMinutes: STATE_LIFETIME_SECONDS / 60,
      reauthorizationDays: AUTHORIZATION_LIFETIME_DAYS,
    });
    // Whole days and minutes: the page never prints 6.99 days.
    for (const value of [...retention.snapshots.map((s) => s.days), retention.authorizationStateMinutes])
      expect(Number.isInteger(value)).toBe(true);
  });

  it('keeps only a contact that is set, trimmed; none at all is null', () => {
    const facts = (contact: { email?: string; url?: string }) =>
      buildPublicPageFacts({ datasets: [], integrationLive: false, contact }).contact;

    expect(facts({ email: ' privacy@example.com ' })).toEqual({ email: 'privacy@example.com' });
    expect(facts({ url: 'https://example.com/contact' })).toEqual({ url: 'https://example.com/contact' });
    expect(facts({ email: '', url: '  ' })).toBeNull();
    expect(buildPublicPageFacts({ datasets: [], integrationLive: false }).contact).toBeNull();
  });
});

describe('the local workspace facts', () => {
  it('default to every dataset, live, and a local contact', () => {
    const facts = publicPageFactsFromEnvironment({});

    expect(facts.datasets).toEqual(['inventory', 'orders', 'ads']);
    expect(facts.integrationLive).toBe(true);
    expect(facts.contact).toEqual({ email: LOCAL_CONTACT_EMAIL });
  });

  it('read MINT_HUB_DATASETS as the functions do, and the live flag and contact settings', () => {
    const facts = publicPageFactsFromEnvironment({
      [ENV.datasets]: 'orders, inventory',
      [ENV.integrationLive]: 'false',
      [ENV.contactUrl]: 'https://example.com/contact',
    });

    expect(facts.datasets).toEqual(['inventory', 'orders']);
    expect(facts.integrationLive).toBe(false);
    expect(facts.contact).toEqual({ url: 'https://example.com/contact' });
  });

  it('refuse a malformed setting by its name', () => {
    expect(() => publicPageFactsFromEnvironment({ [ENV.integrationLive]: 'yes' })).toThrow(
      new MissingSettingError(ENV.integrationLive, 'must be true or false'),
    );
    expect(() => publicPageFactsFromEnvironment({ [ENV.contactUrl]: 'http://example.com' })).toThrow(
      /MINT_HUB_CONTACT_URL must be an https URL/,
    );
    expect(() => publicPageFactsFromEnvironment({ [ENV.datasets]: 'inventory,reviews' })).toThrow(
      /MINT_HUB_DATASETS/,
    );
  });
});

describe('the stage settings behind the facts', () => {
  const dev = STAGES['dev'];

  it('start not live, with every dataset', () => {
    const config = parseStageConfig(dev);
    expect(config.integrationLive ?? false).toBe(false);
    expect(config.datasets).toBeUndefined();
  });

  it('take datasets as a list or as the comma-separated -c form, and refuse an unknown one', () => {
    expect(parseStageConfig({ ...dev, datasets: 'inventory, orders' }).datasets).toEqual([
      'inventory',
      'orders',
    ]);
    expect(parseStageConfig({ ...dev, datasets: ['ads'] }).datasets).toEqual(['ads']);
    expect(() => parseStageConfig({ ...dev, datasets: 'inventory,reviews' })).toThrow(/datasets/);
  });

  it('cannot go live without a contact for the public pages', () => {
    expect(() => parseStageConfig({ ...dev, integrationLive: true })).toThrow(
      /contactEmail: is required \(or contactUrl\) once integrationLive is true/,
    );
    expect(() =>
      parseStageConfig({ ...dev, integrationLive: true, contactEmail: 'privacy@example.com' }),
    ).not.toThrow();
    expect(() => parseStageConfig({ ...dev, contactUrl: 'http://example.com' })).toThrow(/contactUrl/);
  });
});
