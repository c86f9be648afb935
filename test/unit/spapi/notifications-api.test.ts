// The Notifications API adapter's reading of answers it cannot trust (the sandbox answers well-formed ones in
// test/integration/notifications/account-status.test.ts): classified, never read as data, no body kept.
import { SpApiError } from '../../../shared/amazon/amazon-errors';
import { createNotificationsApi } from '../../../shared/adapters/spapi/notifications-api';

const endpoints = { NA: 'https://sp.example', EU: 'https://sp-eu.example', FE: 'https://sp-fe.example' };

function apiAnswering(status: number, body: string, headers: Record<string, string> = {}) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const api = createNotificationsApi({
    endpoints,
    userAgent: 'test',
    fetch: async (url, init) => {
      requests.push({ url: String(url), init: init ?? {} });
      return new Response(status === 204 ? null : body, { status, headers });
    },
  });
  return { api, requests };
}

const subscribe = (api: ReturnType<typeof createNotificationsApi>) =>
  api.createSubscription({
    region: 'NA',
    accessToken: 'Atza|seller',
    notificationType: 'ACCOUNT_STATUS_CHANGED',
    payloadVersion: '1.0',
    destinationId: 'dest-1',
  });

describe('Notifications API adapter', () => {
  it('sends the model request: POST /notifications/v1/subscriptions/{type} with the seller token', async () => {
    const { api, requests } = apiAnswering(
      200,
      JSON.stringify({
        payload: { subscriptionId: 'sub-1', payloadVersion: '1.0', destinationId: 'dest-1' },
      }),
    );

    await expect(subscribe(api)).resolves.toEqual({
      status: 'created',
      subscription: { subscriptionId: 'sub-1', payloadVersion: '1.0', destinationId: 'dest-1' },
    });
    expect(requests[0]?.url).toBe('https://sp.example/notifications/v1/subscriptions/ACCOUNT_STATUS_CHANGED');
    expect(requests[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(requests[0]?.init.body))).toEqual({
      payloadVersion: '1.0',
      destinationId: 'dest-1',
    });
    expect((requests[0]?.init.headers as Record<string, string>)['x-amz-access-token']).toBe('Atza|seller');
  });

  it('answers a 409 as an existing subscription, a 404 of getSubscription as none', async () => {
    await expect(subscribe(apiAnswering(409, '{"errors":[]}').api)).resolves.toEqual({ status: 'exists' });
    await expect(
      apiAnswering(404, '{"errors":[]}').api.getSubscription({
        region: 'NA',
        accessToken: 'Atza|seller',
        notificationType: 'ACCOUNT_STATUS_CHANGED',
      }),
    ).resolves.toBeUndefined();
  });

  it.each([
    [429, 'throttled'],
    [503, 'unavailable'],
    [403, 'unauthorized'],
    [400, 'bad_request'],
  ])('classifies HTTP %d as %s, keeping no body', async (status, kind) => {
    const error = await subscribe(apiAnswering(status, '{"errors":[{"message":"secret detail"}]}').api).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(SpApiError);
    expect(error).toMatchObject({ kind, status, operation: 'createSubscription' });
    expect((error as Error).message).not.toContain('secret detail');
  });

  it('treats a 200 that is not the model (half a body, no payload) as unavailable, never as data', async () => {
    for (const body of ['{"payload":{', '{"nothing":true}', '<html>502</html>'])
      await expect(subscribe(apiAnswering(200, body).api)).rejects.toMatchObject({
        kind: 'unavailable',
        reason: 'malformed',
      });
  });

  it('reads destinations with their queue ARN', async () => {
    const { api } = apiAnswering(
      200,
      JSON.stringify({
        payload: [
          { name: 'x', destinationId: 'dest-1', resource: { sqs: { arn: 'arn:aws:sqs:us-east-1:1:q' } } },
        ],
      }),
    );

    await expect(api.getDestinations({ region: 'NA', grantlessToken: 'Atza|g' })).resolves.toEqual([
      { destinationId: 'dest-1', sqsArn: 'arn:aws:sqs:us-east-1:1:q' },
    ]);
  });
});
