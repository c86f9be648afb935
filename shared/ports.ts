/**
 * Ports: every outside system the domain talks to. The domain depends on these interfaces only; adapters in
 * shared/adapters implement them for AWS (and run unchanged against the local emulators).
 *
 * Each port lives beside its domain; this file only re-exports them, for the many modules that import ports from
 * here: the clock (clock.ts), stores, members and operators (stores/store-ports.ts), connecting a store
 * (authorization/authorization-ports.ts), snapshots and SP-API sources (store-data/store-data-ports.ts), the audit
 * trail and reader (audit/audit-ports.ts), the revocation queue (revocation/revocation-queue-port.ts). The
 * pipelines' own ports are in revocation/ports.ts, notifications/ports.ts and ads/ads-ports.ts.
 */
export type { Clock } from './clock';
export {
  ConcurrentStoreUpdate,
  LastOwner,
  NotAnOwner,
  RestockSettingsConflict,
  snapshotKeyOf,
  StoreOwnedElsewhere,
  type ConnectStoreCommand,
  type MemberRecord,
  type Operator,
  type OperatorDirectory,
  type SnapshotKey,
  type StoreBatchReader,
  type StoreDisplayNameStore,
  type StoreRepository,
} from './stores/store-ports';
export type {
  LwaClient,
  LwaTokens,
  MarketplaceParticipation,
  OAuthStateStore,
  SellersApi,
  TokenCipher,
} from './authorization/authorization-ports';
export type {
  InventorySource,
  OrderMetric,
  OrderMetricsQuery,
  OrdersQuery,
  OrdersSource,
  ReportProcessingStatus,
  ReportsSource,
  SalesSource,
  Snapshot,
  SnapshotStore,
  SnapshotVersion,
  SnapshotVersions,
  SpApiPage,
} from './store-data/store-data-ports';
export type { AuditPage, AuditQuery, AuditReader, AuditTrail } from './audit/audit-ports';
export type { RevocationQueue } from './revocation/revocation-queue-port';
