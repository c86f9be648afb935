import { connectStore } from '../test/integration/workspace/workspace-client';
import { WARM_OVERHEAD } from './config';
import { countAwsCalls } from './support/aws-call-counter';
import { startBenchWorkspace } from './support/bench-workspace';
import { progress, runFigureProcess, type FigureResult, type Row } from './support/figure';
import { recordHttpSpans } from './support/http-spans';
import { currentInvocation } from './support/invocation-context';
import {
  countLogBytes,
  LUMEN,
  measureView,
  OPERATOR,
  overheadRows,
  targetsOf,
  type ViewMeter,
  type ViewSample,
} from './support/view-overhead';

/**
 * Figure 4b — refresh overhead: what our code adds to an inventory and an orders view that READS AMAZON, with the
 * sandbox answering as fast as it can and never throttling. Snapshot freshness is set to 0, so every view refreshes
 * (an inventory view: every page; an orders view: the changes since the last sync), as a view past its snapshot's
 * freshness window does. No budget: the budget is for views served from stored data (figure 4); this figure is kept
 * for its per-view counts (capacity units written, Amazon calls, Lambda time), which the cost model uses for the
 * views that fetch. Its own process: the handler modules read the freshness settings once, at init.
 */

const FIGURE = 'refresh-overhead' as const;
const DATASETS = ['inventory', 'orders'] as const;

export async function measureRefreshOverhead(): Promise<FigureResult> {
  const logs = countLogBytes();
  const bench = await startBenchWorkspace({
    rateScale: WARM_OVERHEAD.rateScale,
    settings: {
      MINT_HUB_INVENTORY_SNAPSHOT_SECONDS: '0',
      MINT_HUB_ORDERS_SNAPSHOT_SECONDS: '0',
      // The stack's level (lib/mint-hub-function.ts).
      POWERTOOLS_LOG_LEVEL: 'INFO',
    },
  });
  const spans = recordHttpSpans(targetsOf(bench), currentInvocation);
  try {
    const meter: ViewMeter = { bench, spans, counter: countAwsCalls({ labelOf: currentInvocation }), logs };
    progress(FIGURE, 'connecting a store through the OAuth flow');
    await connectStore(bench.workspace, OPERATOR?.handle ?? 'lin', LUMEN.sellingPartnerId, LUMEN.region);
    progress(FIGURE, `warming up, then ${WARM_OVERHEAD.samples} views per dataset, each reading Amazon`);
    for (let index = 0; index < WARM_OVERHEAD.warmupViews; index++) {
      for (const dataset of DATASETS) await measureView(meter, dataset);
    }
    const samples: ViewSample[] = [];
    for (let index = 0; index < WARM_OVERHEAD.samples; index++) {
      for (const dataset of DATASETS) {
        const view = await measureView(meter, dataset);
        if (view.statusCode !== 200)
          throw new Error(`${dataset} view answered ${view.statusCode}: ${JSON.stringify(view.body)}`);
        // What this figure is about: a view that read Amazon for this request.
        if (view.body['source'] !== 'amazon')
          throw new Error(`${dataset} view answered source ${String(view.body['source'])}, not amazon`);
        samples.push(view);
      }
    }
    const rows: Row[] = [];
    const details: Record<string, unknown> = {};
    for (const dataset of DATASETS) {
      const made = overheadRows(
        dataset,
        samples.filter((sample) => sample.dataset === dataset),
      );
      rows.push(...made.rows);
      details[dataset] = made.details;
    }
    return {
      id: FIGURE,
      title: 'Refresh overhead — what our code adds to a view that reads Amazon (snapshot freshness 0)',
      rows,
      notes: [
        `${WARM_OVERHEAD.samples} views per dataset after ${WARM_OVERHEAD.warmupViews} warm-up views, alternating, of the largest seeded store (Lumen Craft, US: ~380 SKUs, ~8 inventory pages; orders: the changes since the last sync), each the real handler invoked as the local gateway invokes it, each answering source "amazon". No budget (figure 4 holds the budget, for views served from stored data).`,
        "Overhead = handler time − time inside the view's own HTTP exchanges with the sandbox (SP-API and LWA; diagnostics channels, union of intervals); local AWS time counts the view's own exchanges only (its async context), as in figure 4.",
        'The per-view counts in the notes feed the cost model for the share of views that fetch.',
      ],
      details,
    };
  } finally {
    spans.stop();
    await bench.stop();
  }
}

if (require.main === module) runFigureProcess(measureRefreshOverhead);
