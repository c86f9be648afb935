import type { InventoryItem } from '../api/types';
import { translateKnown, type Locale, type MessageKey } from '../i18n/i18n';
import { localizedCsv, type CsvCell } from './csv';

/**
 * The inventory CSV: what a buyer needs to place the orders (SKU, ASIN, quantity, mode, order-by, ship-by) first,
 * then the stock and sales behind them. Headers are human names in the chosen language (`inventory.csv.*`).
 */
export const INVENTORY_CSV_COLUMNS = [
  'sellerSku',
  'asin',
  'productName',
  'status',
  'restockQuantity',
  'recommendedMode',
  'orderBy',
  'shipBy',
  'stockOutDate',
  'fulfillable',
  'inboundWorking',
  'inboundShipped',
  'inboundReceiving',
  'reserved',
  'unfulfillable',
  'unitsSoldPerDay',
  'velocitySource',
  'velocityDays',
  'daysOfCover',
  'daysOfCoverWithInbound',
  'casePack',
  'minimumOrderQuantity',
  'fnSku',
  'flags',
] as const;
export type InventoryCsvColumn = (typeof INVENTORY_CSV_COLUMNS)[number];

export const csvHeaderKey = (column: InventoryCsvColumn): MessageKey => `inventory.csv.${column}`;

/** One CSV row; `label` translates the status, mode and flags (`tv`), so the file reads in the chosen language. */
export function inventoryCsvRow(
  item: InventoryItem,
  label: (prefix: 'restock.status' | 'mode' | 'flag' | 'velocity.source', value: string) => string = (
    _prefix,
    value,
  ) => value,
): CsvCell[] {
  const plan = item.plan;
  const cells: Record<InventoryCsvColumn, CsvCell> = {
    sellerSku: item.sellerSku,
    asin: item.asin,
    productName: item.productName,
    status: item.status === undefined ? null : label('restock.status', item.status),
    restockQuantity: item.restockQuantity,
    recommendedMode:
      plan?.recommendedMode === null || plan?.recommendedMode === undefined
        ? null
        : label('mode', plan.recommendedMode),
    orderBy: plan?.orderBy ?? null,
    shipBy: plan?.shipBy ?? null,
    stockOutDate: plan?.stockOutDateWithInbound ?? null,
    fulfillable: item.fulfillable,
    inboundWorking: item.inboundWorking ?? null,
    inboundShipped: item.inboundShipped ?? null,
    inboundReceiving: item.inboundReceiving ?? null,
    reserved: item.reserved,
    unfulfillable: item.unfulfillable,
    unitsSoldPerDay: item.unitsSoldPerDay,
    velocitySource: label('velocity.source', item.velocitySource),
    velocityDays: item.velocityDays,
    daysOfCover: item.daysOfCover,
    daysOfCoverWithInbound: item.daysOfCoverWithInbound ?? null,
    casePack: plan?.settings.casePack ?? null,
    minimumOrderQuantity: plan?.settings.minimumOrderQuantity ?? null,
    fnSku: item.fnSku,
    flags: item.flags.map((flag) => label('flag', flag)).join(' '),
  };
  return INVENTORY_CSV_COLUMNS.map((column) => cells[column]);
}

/** The whole file, in the table's order, headers and labels in `locale`. */
export function inventoryCsv(items: readonly InventoryItem[], locale: Locale): string {
  return localizedCsv(
    locale,
    INVENTORY_CSV_COLUMNS,
    csvHeaderKey,
    items.map((item) => inventoryCsvRow(item, (prefix, value) => translateKnown(locale, prefix, value))),
  );
}
