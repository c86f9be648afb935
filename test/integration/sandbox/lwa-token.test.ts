import type { AmazonSandbox } from '../../../local/sandbox';
import {
  INVENTORY_PATH,
  NA_SELLER,
  TEST_APP,
  US,
  authorizeSeller,
  inventoryQuery,
  lwaToken,
  refreshAccessToken,
  spapi,
  startTestSandbox,
} from './sandbox-test-kit';

describe('LWA token endpoint', () => {
  let sandbox: AmazonSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('exchanges a refresh token for a new access token and echoes the same refresh token', async () => {
    const { refreshToken, accessToken } = await authorizeSeller(sandbox, NA_SELLER);

    const refreshed = await refreshAccessToken(sandbox, refreshToken);

    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
    expect(refreshed.body).toEqual({
      access_token: expect.stringMatching(/^Atza\|[A-Za-z0-9_-]{100,}$/),
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: 3600,
    });
    expect(refreshed.body.access_token).not.toBe(accessToken);
  });

  it('reads form-encoded bodies only: JSON carries no grant_type LWA can see', async () => {
    const { refreshToken } = await authorizeSeller(sandbox, NA_SELLER);

    const response = await fetch(sandbox.endpoints.lwaToken, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: TEST_APP.clientId,
        client_secret: TEST_APP.clientSecret,
      }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error_description: 'The authorization grant type is not supported by the authorization server',
      error: 'unsupported_grant_type',
    });
  });

  it('answers missing parameters, unknown grants and bad client credentials like LWA', async () => {
    const noGrant = await lwaToken(sandbox, { client_id: TEST_APP.clientId });
    const unknownGrant = await lwaToken(sandbox, { grant_type: 'password' });
    const noSecret = await lwaToken(sandbox, { grant_type: 'refresh_token', client_id: TEST_APP.clientId });
    const wrongSecret = await lwaToken(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: 'Atzr|x',
      client_id: TEST_APP.clientId,
      client_secret: 'wrong',
    });
    const noRefreshToken = await lwaToken(sandbox, {
      grant_type: 'refresh_token',
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
    });
    const unknownRefreshToken = await refreshAccessToken(sandbox, 'Atzr|never-issued');

    expect(noGrant).toMatchObject({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'The request is missing a required parameter : grant_type',
      },
    });
    expect(unknownGrant).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(noSecret).toMatchObject({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'The request is missing a required parameter : client_secret',
      },
    });
    expect(wrongSecret).toMatchObject({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    });
    expect(noRefreshToken.body.error).toBe('invalid_request');
    expect(unknownRefreshToken).toMatchObject({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'The request has an invalid grant parameter : refresh_token',
      },
    });
  });

  it('grants client_credentials for a grantless scope, without a refresh token', async () => {
    const grant = (scope?: string) =>
      lwaToken(sandbox, {
        grant_type: 'client_credentials',
        scope,
        client_id: TEST_APP.clientId,
        client_secret: TEST_APP.clientSecret,
      });

    const granted = await grant('sellingpartnerapi::notifications');
    const noScope = await grant(undefined);
    const badScope = await grant('sellingpartnerapi::everything');

    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({
      access_token: expect.stringMatching(/^Atc\|/),
      token_type: 'bearer',
      expires_in: 3600,
    });
    expect(noScope.body).toEqual({
      error_description: 'The request is missing a required parameter : scope',
      error: 'invalid_request',
    });
    expect(badScope).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope', error_description: 'The request has an invalid parameter : scope' },
    });
  });

  it('does not accept a grantless token for a seller operation', async () => {
    const granted = await lwaToken(sandbox, {
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::notifications',
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
    });

    const call = await spapi(
      sandbox,
      'NA',
      INVENTORY_PATH,
      inventoryQuery(US),
      String(granted.body.access_token),
    );

    expect(call.status).toBe(403);
    expect(call.body).toEqual({
      errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }],
    });
  });

  it('refuses a refresh token issued to another app', async () => {
    const { refreshToken } = await authorizeSeller(sandbox, NA_SELLER);

    const response = await lwaToken(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: 'amzn1.application-oa2-client.99999999888877776666555544443333',
      client_secret: 'amzn1.oa2-cs.v1.test-secret-for-the-draft-app',
    });

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_grant');
  });
});
