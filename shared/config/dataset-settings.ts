/** What the data views serve: the Orders API version, how long snapshots answer, the datasets that are live. */
import { SECONDS_PER_DAY } from '../time';
import { read } from './setting-values';
import { ENV, MissingSettingError, type EnvName, type Environment } from './settings';

export type OrdersApiVersion = '2026-01-01' | 'v0';
export function readOrdersApiVersion(env: Environment): OrdersApiVersion {
  const value = read(env, ENV.ordersApiVersion) ?? '2026-01-01';
  if (value !== '2026-01-01' && value !== 'v0') {
    throw new MissingSettingError(ENV.ordersApiVersion, 'must be 2026-01-01 or v0');
  }
  return value;
}

export interface SnapshotSettings {
  /** Within this age an inventory view is served from the snapshot. @default 300 */
  readonly inventorySeconds: number;
  /** Within this age an orders view is served from the stored order history. @default 900 */
  readonly ordersSeconds: number;
}

function seconds(env: Environment, name: EnvName, fallback: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > SECONDS_PER_DAY)
    throw new MissingSettingError(name, `must be whole seconds between 0 and ${SECONDS_PER_DAY}`);
  return value;
}

export const readSnapshotSettings = (env: Environment): SnapshotSettings => ({
  inventorySeconds: seconds(env, ENV.inventorySnapshotSeconds, 300),
  ordersSeconds: seconds(env, ENV.ordersSnapshotSeconds, 900),
});

/** The datasets Mint Hub may serve: live and declared to Amazon (docs/contracts.md, `MINT_HUB_DATASETS`). */
export const DATASETS = ['inventory', 'orders', 'ads'] as const;
export type DatasetName = (typeof DATASETS)[number];

export function readEnabledDatasets(env: Environment): ReadonlySet<DatasetName> {
  const raw = read(env, ENV.datasets) ?? DATASETS.join(',');
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    if (!(DATASETS as readonly string[]).includes(name))
      throw new MissingSettingError(ENV.datasets, `lists an unknown dataset; use ${DATASETS.join(', ')}`);
  }
  return new Set(names as DatasetName[]);
}
