import { callerOf } from '../shared/auth/caller';
import { processEnvironment, readEnabledDatasets } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { queryParameter } from '../shared/http/request';
import { json } from '../shared/http/responses';
import {
  OverviewLineCache,
  readOverview,
  type OverviewDependencies,
} from '../shared/overview/overview-service';
import { auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';

/** GET /api/overview[?reason]: what needs attention across the caller's stores, from stored data only. */
export const makeHandler = (deps: OverviewDependencies) =>
  httpHandler('GetOverview', async (event) =>
    json(
      200,
      await readOverview(deps, callerOf(event), {
        reason: queryParameter(event, 'reason', 64),
        requestId: event.requestContext.requestId,
      }),
    ),
  );

const env = processEnvironment();
const repository = storeRepository(env);
const datasets = readEnabledDatasets(env);
export const handler = makeHandler({
  stores: repository,
  batch: repository,
  audit: auditTrail(env),
  clock: systemClock,
  datasets: { inventory: datasets.has('inventory'), orders: datasets.has('orders') },
  // Per execution environment: a warm overview plans only the marketplaces whose snapshots changed.
  cache: new OverviewLineCache(),
});
