import type { Context } from 'aws-lambda';
import { AppstoreRequest } from '../../../shared/authorization/appstore-request';
import type { HttpEvent, HttpResult } from '../../../shared/http/handler';

// The entry file reads its settings at import; the handler under test is built with makeHandler.
process.env.MINT_HUB_DASHBOARD_URL = 'https://ops.example.com';
process.env.MINT_HUB_APP_ID = 'amzn1.sp.solution.app';
process.env.MINT_HUB_LWA_CLIENT_ID = 'client';

const APP_ID = 'amzn1.sp.solution.app';
const CALLBACK = `https://sellercentral.amazon.co.jp/apps/authorize/confirm/${APP_ID}`;
const context = { awsRequestId: 'req-1', functionName: 'AppstoreLogin' } as unknown as Context;

const event = (query: Record<string, string>): HttpEvent =>
  ({
    rawPath: '/auth/amazon/login',
    queryStringParameters: query,
    headers: {},
    requestContext: { requestId: 'req-1', http: { method: 'GET', path: '/auth/amazon/login' } },
  }) as unknown as HttpEvent;

async function login(query: Record<string, string>): Promise<URL> {
  const { makeHandler } = await import('../../../functions/appstore-login');
  const handler = makeHandler({
    dashboardUrl: 'https://ops.example.com',
    appId: APP_ID,
    sellerCentralOverride: undefined,
  });
  const result = (await handler(event(query), context)) as HttpResult;
  return new URL(String(result.headers?.['location'] ?? result.headers?.['Location']));
}

const valid = {
  amazon_callback_uri: CALLBACK,
  amazon_state: 'amz-state',
  selling_partner_id: 'A4SAKURALOOM2J',
};

describe('the Appstore Login URI', () => {
  it('forwards Amazon’s parameters to the dashboard’s Appstore page', async () => {
    const target = await login({ ...valid, version: 'beta' });
    expect(`${target.origin}${target.pathname}`).toBe('https://ops.example.com/appstore');
    expect(Object.fromEntries(target.searchParams)).toEqual({ ...valid, version: 'beta' });
  });

  // One set of rules with POST /api/authorizations: whatever its zod schema refuses, the Login URI refuses too.
  it.each<[string, Record<string, string>]>([
    ['no amazon_state', { amazon_callback_uri: CALLBACK, selling_partner_id: 'A4SAKURALOOM2J' }],
    ['an empty amazon_state', { ...valid, amazon_state: '' }],
    ['a space in amazon_state', { ...valid, amazon_state: 'amz state' }],
    ['a control character in amazon_state', { ...valid, amazon_state: 'amz\u0007' }],
    ['amazon_state over 1,024 characters', { ...valid, amazon_state: 'x'.repeat(1025) }],
    ['a lowercase seller id', { ...valid, selling_partner_id: 'a4sakuraloom2j' }],
    ['a seller id over 32 characters', { ...valid, selling_partner_id: 'A'.repeat(33) }],
    ['a version other than beta', { ...valid, version: 'v2' }],
    [
      'a callback URI over 2,048 characters',
      { ...valid, amazon_callback_uri: `${CALLBACK}?${'x'.repeat(2048)}` },
    ],
  ])('refuses %s, as the authorization schema does', async (_what, query) => {
    const asBody = {
      amazonCallbackUri: query['amazon_callback_uri'],
      amazonState: query['amazon_state'],
      sellingPartnerId: query['selling_partner_id'],
      ...(query['version'] === undefined ? {} : { version: query['version'] }),
    };
    expect(AppstoreRequest.safeParse(asBody).success).toBe(false);

    const target = await login(query);

    expect(target.pathname).toBe('/stores');
    expect(target.searchParams.get('authError')).toBe('invalid_request');
  });
});
