import type {
  AdsBudgetsRecord,
  AdsDayRecord,
  AdsLink,
  AdsReportMessage,
  AdsRepository,
  ReportJob,
} from '../shared/ads/ads-ports';

/**
 * The in-memory stand-ins of figure 8 (ads.ts): the store's table and the Ads report queue, which honours each
 * message's delay on the simulated clock (they read `Date.now()`, which the figure replaces).
 */

/** The table of one store, kept in memory (the DynamoDB adapter is exercised by the integration tests). */
export function memoryAdsRepository(): AdsRepository {
  const links = new Map<string, AdsLink>();
  const jobs = new Map<string, ReportJob>();
  const days = new Map<string, AdsDayRecord>();
  const budgets = new Map<string, AdsBudgetsRecord>();
  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    getAdsLink: async (storeId, marketplaceId) => links.get(`${storeId}|${marketplaceId}`),
    listAdsLinks: async (storeId) => [...links.values()].filter((l) => l.storeId === storeId),
    saveAdsAuthorization: async (command) => {
      for (const link of command.links) links.set(`${link.storeId}|${link.marketplaceId}`, json(link));
    },
    removeAdsAuthorization: async (storeId) => {
      const removed = [...links.keys()].filter((key) => key.startsWith(`${storeId}|`));
      for (const key of removed) links.delete(key);
      return { removedLinks: removed.length };
    },
    purgeAdsData: async () => undefined,
    markSyncRequested: async (storeId, marketplaceId, now, olderThan) => {
      const key = `${storeId}|${marketplaceId}`;
      const link = links.get(key);
      if (link === undefined) return false;
      if (link.syncRequestedAt !== undefined && link.syncRequestedAt > olderThan) return false;
      links.set(key, { ...link, syncRequestedAt: now });
      return true;
    },
    listReportJobs: async (storeId, profileId) =>
      [...jobs.values()].filter((j) => j.storeId === storeId && j.profileId === profileId).map(json),
    putReportJob: async (job) => {
      const key = `${job.storeId}|${job.profileId}|${job.adProduct}`;
      const stored = jobs.get(key);
      if ((stored?.version ?? 0) !== job.version - 1) return false;
      jobs.set(key, json(job));
      return true;
    },
    putAdsDays: async (storeId, records) => {
      for (const record of records)
        days.set(`${storeId}|${record.profileId}|${record.adProduct}|${record.date}`, json(record));
    },
    listAdsDays: async (storeId, profileId, from, to) =>
      [...days.entries()]
        .filter(([key]) => key.startsWith(`${storeId}|${profileId}|`))
        .map(([, record]) => record)
        .filter((record) => record.date >= from && record.date <= to),
    putAdsBudgets: async (storeId, record) => {
      budgets.set(`${storeId}|${record.profileId}`, json(record));
    },
    getAdsBudgets: async (storeId, profileId) => budgets.get(`${storeId}|${profileId}`),
  };
}

/** SQS in memory: a message becomes visible `delaySeconds` later on the simulated clock, and is processed once. */
export class DelayQueue {
  private readonly messages: Array<{ dueMs: number; seq: number; message: AdsReportMessage }> = [];
  private seq = 0;
  sent = 0;

  async send(message: AdsReportMessage, delaySeconds = 0): Promise<void> {
    this.sent += 1;
    this.messages.push({ dueMs: Date.now() + delaySeconds * 1000, seq: this.seq++, message });
  }

  /** The next message due at or before `untilMs`, oldest first. */
  take(untilMs: number): { dueMs: number; message: AdsReportMessage } | undefined {
    this.messages.sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq);
    const next = this.messages[0];
    if (next === undefined || next.dueMs > untilMs) return undefined;
    this.messages.shift();
    return next;
  }
}
