import { callerOf } from '../shared/auth/caller';
import {
  startAuthorization,
  type StartAuthorizationDependencies,
} from '../shared/authorization/start-authorization';
import { processEnvironment, readAmazonEndpoints, readAppRegistration } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { jsonBody } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { storeRepository, systemClock } from '../shared/runtime/dependencies';

/** POST /api/authorizations: a signed-in operator starts the website or Appstore flow. */
export const makeHandler = (deps: StartAuthorizationDependencies) =>
  httpHandler('CreateAuthorization', async (event) => {
    const caller = callerOf(event);
    const started = await startAuthorization(deps, {
      userId: caller.userId,
      body: jsonBody(event),
      cookies: event.cookies,
    });
    const response = json(200, { redirectUrl: started.redirectUrl });
    return started.setCookie === undefined ? response : { ...response, cookies: [started.setCookie] };
  });

const env = processEnvironment();
export const handler = makeHandler({
  states: storeRepository(env),
  clock: systemClock,
  app: readAppRegistration(env),
  sellerCentralOverride: readAmazonEndpoints(env).sellerCentralUrl,
});
