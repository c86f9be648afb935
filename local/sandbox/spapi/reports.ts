import { gzipSync } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import type { SandboxContext } from '../context';
import { formatAmount, requireMarketplace } from '../data/marketplaces';
import type { SeededOrder } from '../data/orders';
import { randomBase64 } from '../secure-random';
import { invalidInput, SpApiError } from './errors';
import { ownerOf, type OperationRequest, type OperationResult, type SpApiOperation } from './operation';
import { checkMarketplaces } from './order-selection';
import { isoSeconds, parseIsoDateTime } from './query';

// Reports API 2021-06-30 (reports_2021-06-30.json): createReport, getReport, getReportDocument, and the document
// itself on a presigned URL (no access token; here under /spapi/{region}/__documents/, gzip). The order report
// GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL carries the columns Amazon documents, buyer address
// columns included (ship-city, ship-state, ship-postal-code, ship-country): the client must drop them.
// Processing takes time on the sandbox clock: IN_QUEUE, then IN_PROGRESS, then DONE, longer for more rows.

export const REPORT_DOCUMENT_PATH = '/__documents/';
const ORDER_REPORT_TYPES = ['GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL'] as const;
const MAX_RANGE_MS = 31 * 86_400_000;
const QUEUE_MS = 15_000;
const BASE_PROCESSING_MS = 45_000;
const PROCESSING_MS_PER_THOUSAND_ROWS = 4_000;
const DOCUMENT_URL_LIFETIME_MS = 5 * 60_000;

const COLUMNS = [
  'amazon-order-id',
  'merchant-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'fulfillment-channel',
  'sales-channel',
  'order-channel',
  'ship-service-level',
  'product-name',
  'sku',
  'asin',
  'item-status',
  'quantity',
  'currency',
  'item-price',
  'item-tax',
  'shipping-price',
  'shipping-tax',
  'gift-wrap-price',
  'gift-wrap-tax',
  'item-promotion-discount',
  'ship-promotion-discount',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'promotion-ids',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
];

const FLAT_STATUS: Record<SeededOrder['status'], string> = {
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'Shipping',
  SHIPPED: 'Shipped',
  CANCELLED: 'Cancelled',
};
/** Fictional places, one per country: the sandbox never holds anyone's real address. */
const PLACES: Record<string, [string, string, string]> = {
  US: ['SPRINGFIELD', 'IL', '62704'],
  GB: ['LONDON', 'Greater London', 'E1 6AN'],
  DE: ['BERLIN', 'Berlin', '10115'],
  JP: ['OSAKA', 'Osaka', '530-0001'],
};

interface StoredReport {
  owner: string;
  reportId: string;
  marketplaceId: string;
  sellingPartnerId: string;
  dataStartTime: Date;
  dataEndTime: Date;
  createdAt: number;
  readyAt: number;
  rows: number;
  documentId: string;
}
interface StoredDocument {
  owner: string;
  bytes: Buffer;
  urlToken?: { token: string; expiresAt: number };
}

/** Reports and documents of one sandbox (the context holds no report state of its own). */
const stores = new WeakMap<
  SandboxContext,
  { reports: Map<string, StoredReport>; documents: Map<string, StoredDocument> }
>();
function reportStore(context: SandboxContext) {
  let store = stores.get(context);
  if (!store) stores.set(context, (store = { reports: new Map(), documents: new Map() }));
  return store;
}

function rowsOf(orders: readonly SeededOrder[]): string[][] {
  const rows: string[][] = [];
  for (const order of orders) {
    const marketplace = order.marketplace;
    const priced = order.status !== 'PENDING' && order.status !== 'CANCELLED';
    const [city, state, postal] = PLACES[marketplace.countryCode] ?? ['CITY', '', '00000'];
    order.items.forEach((item, index) => {
      const cells: Record<string, string> = {
        'amazon-order-id': order.orderId,
        'merchant-order-id': '',
        'purchase-date': isoSeconds(order.purchaseDate).replace('Z', '+00:00'),
        'last-updated-date': isoSeconds(order.lastUpdateDate).replace('Z', '+00:00'),
        'order-status': FLAT_STATUS[order.status],
        'fulfillment-channel': order.channel === 'AFN' ? 'Amazon' : 'Merchant',
        'sales-channel': marketplace.name,
        'order-channel': '',
        'ship-service-level': order.serviceLevel,
        'product-name': item.title,
        sku: item.sellerSku,
        asin: item.asin,
        'item-status':
          order.status === 'CANCELLED' ? 'Cancelled' : order.status === 'SHIPPED' ? 'Shipped' : 'Unshipped',
        quantity: String(item.quantity),
        currency: priced ? marketplace.currency : '',
        'item-price': priced ? formatAmount(item.unitPrice * item.quantity, marketplace) : '',
        'item-tax': '',
        'shipping-price':
          priced && index === 0 && order.shippingCharge > 0
            ? formatAmount(order.shippingCharge, marketplace)
            : '',
        'shipping-tax': '',
        'gift-wrap-price': '',
        'gift-wrap-tax': '',
        'item-promotion-discount': '',
        'ship-promotion-discount': '',
        'ship-city': city,
        'ship-state': state,
        'ship-postal-code': postal,
        'ship-country': marketplace.countryCode,
        'promotion-ids': '',
        'is-business-order': order.isBusiness ? 'true' : 'false',
        'purchase-order-number': order.isBusiness ? `PO-${order.orderId.slice(-7)}` : '',
        'price-designation': order.isBusiness ? 'BusinessPrice' : '',
      };
      rows.push(COLUMNS.map((column) => cells[column] ?? ''));
    });
  }
  return rows;
}

function createReport({ context, grant, seller, body, now }: OperationRequest): OperationResult {
  const spec = (body ?? {}) as Record<string, unknown>;
  const reportType = spec['reportType'];
  if (typeof reportType !== 'string' || !(ORDER_REPORT_TYPES as readonly string[]).includes(reportType))
    throw invalidInput('reportType is missing or not served by the sandbox.');
  const marketplaceIds = spec['marketplaceIds'];
  if (!Array.isArray(marketplaceIds) || marketplaceIds.length < 1 || marketplaceIds.length > 25)
    throw invalidInput('marketplaceIds must list 1 to 25 marketplaces.');
  if (marketplaceIds.length !== 1) throw invalidInput('The sandbox serves order reports of one marketplace.');
  checkMarketplaces(seller, marketplaceIds as string[]);
  const read = (name: string, fallback: Date) => {
    const value = spec[name];
    if (value === undefined) return fallback;
    const date = typeof value === 'string' ? parseIsoDateTime(value, { requireTime: true }) : undefined;
    if (!date) throw invalidInput(`${name} must be an ISO 8601 date-time.`);
    return date;
  };
  const dataEndTime = read('dataEndTime', now);
  const dataStartTime = read('dataStartTime', new Date(dataEndTime.getTime() - 30 * 86_400_000));
  if (dataEndTime.getTime() > now.getTime()) throw invalidInput('dataEndTime must not be in the future.');
  if (dataStartTime.getTime() > dataEndTime.getTime())
    throw invalidInput('dataStartTime must be before dataEndTime.');
  if (dataEndTime.getTime() - dataStartTime.getTime() > MAX_RANGE_MS)
    throw invalidInput('The date range of an order report is at most 30 days.');
  const marketplace = requireMarketplace(marketplaceIds[0] as string);
  const orders = context.data
    .orders(seller, marketplace.id)
    .filter((order) => order.purchaseDate >= dataStartTime && order.purchaseDate <= dataEndTime);
  const rows = rowsOf(orders);
  const text = [COLUMNS, ...rows].map((cells) => cells.join('\t')).join('\n') + '\n';
  const store = reportStore(context);
  const reportId = String(50_000_000_000 + store.reports.size * 7919 + Math.floor(Math.random() * 1000));
  const documentId = `amzn1.spdoc.1.4.na.${randomBase64(24).replace(/[+/=]/g, '')}`;
  const createdAt = now.getTime();
  store.documents.set(documentId, { owner: ownerOf(grant), bytes: gzipSync(text) });
  store.reports.set(reportId, {
    owner: ownerOf(grant),
    reportId,
    marketplaceId: marketplace.id,
    sellingPartnerId: seller.sellingPartnerId,
    dataStartTime,
    dataEndTime,
    createdAt,
    readyAt:
      createdAt +
      QUEUE_MS +
      BASE_PROCESSING_MS +
      Math.ceil((rows.length / 1000) * PROCESSING_MS_PER_THOUSAND_ROWS),
    rows: rows.length,
    documentId,
  });
  return { status: 202, body: { reportId } };
}

function findReport(context: SandboxContext, request: OperationRequest): StoredReport {
  const report = reportStore(context).reports.get(request.pathParams['reportId'] ?? '');
  if (!report || report.owner !== ownerOf(request.grant))
    throw new SpApiError(404, 'NotFound', "The requested resource doesn't exist.");
  return report;
}

function getReport(request: OperationRequest): OperationResult {
  const report = findReport(request.context, request);
  const now = request.now.getTime();
  const status =
    now < report.createdAt + QUEUE_MS ? 'IN_QUEUE' : now < report.readyAt ? 'IN_PROGRESS' : 'DONE';
  return {
    status: 200,
    body: {
      reportId: report.reportId,
      reportType: ORDER_REPORT_TYPES[0],
      marketplaceIds: [report.marketplaceId],
      dataStartTime: isoSeconds(report.dataStartTime),
      dataEndTime: isoSeconds(report.dataEndTime),
      createdTime: isoSeconds(new Date(report.createdAt)),
      processingStatus: status,
      ...(status === 'DONE'
        ? {
            processingStartTime: isoSeconds(new Date(report.createdAt + QUEUE_MS)),
            processingEndTime: isoSeconds(new Date(report.readyAt)),
            reportDocumentId: report.documentId,
          }
        : status === 'IN_PROGRESS'
          ? { processingStartTime: isoSeconds(new Date(report.createdAt + QUEUE_MS)) }
          : {}),
    },
  };
}

function getReportDocument(request: OperationRequest): OperationResult {
  const { context, grant, pathParams, now } = request;
  const documentId = pathParams['reportDocumentId'] ?? '';
  const document = reportStore(context).documents.get(documentId);
  if (!document || document.owner !== ownerOf(grant))
    throw new SpApiError(404, 'NotFound', "The requested resource doesn't exist.");
  const token = randomBase64(24).replace(/[+/=]/g, '');
  document.urlToken = { token, expiresAt: now.getTime() + DOCUMENT_URL_LIFETIME_MS };
  const region = grant.region.toLowerCase();
  return {
    status: 200,
    body: {
      reportDocumentId: documentId,
      url: `${context.baseUrl}/spapi/${region}${REPORT_DOCUMENT_PATH}${encodeURIComponent(documentId)}?X-Amz-Signature=${token}`,
      compressionAlgorithm: 'GZIP',
    },
  };
}

/** The presigned document URL: the gzip bytes, no access token needed, 403 once its 5 minutes are over. */
export function serveReportDocument(context: SandboxContext, url: URL, response: ServerResponse): boolean {
  const at = url.pathname.indexOf(REPORT_DOCUMENT_PATH);
  if (at < 0) return false;
  const documentId = decodeURIComponent(url.pathname.slice(at + REPORT_DOCUMENT_PATH.length));
  const document = reportStore(context).documents.get(documentId);
  const signature = url.searchParams.get('X-Amz-Signature');
  const valid =
    document?.urlToken !== undefined &&
    signature === document.urlToken.token &&
    context.clock.nowMs() < document.urlToken.expiresAt;
  if (!document || !valid) {
    const text =
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
    response.writeHead(403, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text) });
    response.end(text);
    return true;
  }
  response.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': document.bytes.length,
  });
  response.end(document.bytes);
  return true;
}

export const createReportOperation: SpApiOperation = {
  operationId: 'createReport',
  method: 'POST',
  path: '/reports/2021-06-30/reports',
  usagePlan: { rate: 0.0167, burst: 15 },
  listing: { list: ['reportId'] },
  handle: createReport,
};
export const getReportOperation: SpApiOperation = {
  operationId: 'getReport',
  method: 'GET',
  path: '/reports/2021-06-30/reports/{reportId}',
  usagePlan: { rate: 2, burst: 15 },
  listing: { list: ['reportId'] },
  handle: getReport,
};
export const getReportDocumentOperation: SpApiOperation = {
  operationId: 'getReportDocument',
  method: 'GET',
  path: '/reports/2021-06-30/documents/{reportDocumentId}',
  usagePlan: { rate: 0.0167, burst: 15 },
  listing: { list: ['url'] },
  handle: getReportDocument,
};
