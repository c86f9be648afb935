import type {
  OverviewInventoryLine,
  OverviewMarketplace,
  OverviewOrdersLine,
  OverviewStore,
} from '../../../shared/api/overview-contract';
import { useI18n } from '../app-context';
import { Link } from '../components/link';
import {
  incompleteHref,
  inventoryStatusHref,
  lineAgeSeconds,
  lineCount,
  ordersAtRiskHref,
  type OverviewCount,
} from '../data/overview';
import { formatDateTime, formatNumber } from '../format/format';
import { formatAge } from '../format/freshness';
import { useNow } from '../hooks/use-now';
import type { MessageKey } from '../i18n/en';

/**
 * One marketplace of a store on the overview: the orders and inventory lines, each count a link to the view
 * filtered to it, each line's age (or that it is not loaded yet), and a link to load what is incomplete.
 */
export function MarketplaceLines(props: {
  store: OverviewStore;
  marketplace: OverviewMarketplace;
  generatedAt: string;
}) {
  const { store, marketplace, generatedAt } = props;
  const { storeId } = store;
  const { marketplaceId, orders, inventory } = marketplace;
  const atRisk = ordersAtRiskHref(storeId, marketplaceId);
  const { t } = useI18n();
  const incomplete = [marketplace.orders, marketplace.inventory].some(
    (line) => line !== null && (line.state === 'not-loaded' || !line.complete),
  );
  return (
    <dl class="overview-lines">
      {orders === null ? null : (
        <CountsLine
          dataset="orders"
          line={orders}
          counts={[
            { label: 'overview.count.late', value: orders.late, href: atRisk, testId: 'late' },
            { label: 'overview.count.due24h', value: orders.dueWithin24h, href: atRisk, testId: 'due24h' },
          ]}
          generatedAt={generatedAt}
        />
      )}
      {inventory === null ? null : (
        <CountsLine
          dataset="inventory"
          line={inventory}
          counts={[
            {
              label: 'overview.count.outOfStock',
              value: inventory.outOfStock,
              href: inventoryStatusHref(storeId, marketplaceId, 'out-of-stock'),
              testId: 'outOfStock',
            },
            {
              label: 'overview.count.orderNow',
              value: inventory.orderNow,
              href: inventoryStatusHref(storeId, marketplaceId, 'order-now'),
              testId: 'orderNow',
            },
          ]}
          generatedAt={generatedAt}
        />
      )}
      {incomplete ? (
        <div class="overview-line">
          <dt>{t('overview.dataIncomplete')}</dt>
          <dd>
            <Link href={incompleteHref(storeId, marketplace)}>{t('overview.openToLoad')}</Link>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

interface LineCount {
  readonly label: MessageKey;
  readonly value: number | null;
  readonly href: string;
  readonly testId: string;
}

/** One dataset's line of a marketplace: its two counts, each a link to the filtered view, and its age. */
function CountsLine(props: {
  dataset: 'orders' | 'inventory';
  line: OverviewOrdersLine | OverviewInventoryLine;
  counts: readonly LineCount[];
  generatedAt: string;
}) {
  const { t } = useI18n();
  const { line } = props;
  return (
    <div class="overview-line" data-line={props.dataset}>
      <dt>{t(props.dataset === 'orders' ? 'overview.line.orders' : 'overview.line.inventory')}</dt>
      <dd>
        {props.counts.map((count) => (
          <CountLink
            key={count.testId}
            count={lineCount(line, count.value)}
            label={count.label}
            href={count.href}
            testId={count.testId}
          />
        ))}
        <LineAge line={line} generatedAt={props.generatedAt} />
      </dd>
    </div>
  );
}

function CountLink(props: { count: OverviewCount; label: MessageKey; href: string; testId: string }) {
  const { t, locale } = useI18n();
  const { count } = props;
  const text =
    count.kind === 'not-loaded'
      ? t(props.label, { count: t('overview.notLoaded') })
      : t(props.label, { count: formatNumber(locale, count.value) });
  const urgent = count.kind === 'count' && count.value > 0;
  return (
    <span class={`overview-count${urgent ? ' overview-count-urgent' : ''}`} data-testid={props.testId}>
      <Link href={props.href} class="overview-link">
        {text}
      </Link>
    </span>
  );
}

function LineAge({
  line,
  generatedAt,
}: {
  line: OverviewOrdersLine | OverviewInventoryLine;
  generatedAt: string;
}) {
  const { t, locale } = useI18n();
  const now = useNow(60_000);
  const age = lineAgeSeconds(line, generatedAt, now);
  return (
    <span
      class="store-meta"
      data-testid="line-age"
      title={line.asOf === null ? undefined : formatDateTime(locale, line.asOf)}
    >
      {age === undefined
        ? t('overview.notLoadedExplain')
        : `${t('freshness.storedCopy', { age: formatAge(locale, age) })}${line.complete ? '' : ` · ${t('overview.partial')}`}`}
    </span>
  );
}
