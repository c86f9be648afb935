import path from 'node:path';
import { matchRoutePath, ROUTES, type RouteDefinition } from '../../shared/api/routes';
import type { LambdaHandler } from '../runtime/lambda-invocation';

/**
 * The routes the local gateway serves, read from the same manifest as the CDK stack. Each route's handler module
 * is imported on its first use and kept, like a Lambda execution environment after its cold start. Modules read
 * their settings when they load, so the environment must be in place before the first import.
 */
export interface LambdaRoute {
  readonly definition: RouteDefinition;
  readonly routeKey: string;
  readonly functionName: string;
  /** The module's `handler` export; rejects when the module fails to load (an init error, in Lambda terms). */
  load(): Promise<LambdaHandler>;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export type ModuleLoader = (handlerPath: string) => Promise<{ handler?: unknown }>;

/** Imports `functions/<name>` (the manifest's path, relative to the repository root). */
export const importHandlerModule: ModuleLoader = (handlerPath) =>
  import(path.join(REPO_ROOT, handlerPath)) as Promise<{ handler?: unknown }>;

/** The local stand-in for a function's physical name, e.g. `MintHub-local-GetInventory`. */
export const localFunctionName = (id: string) => `MintHub-local-${id}`;

export function createLambdaRoutes(
  definitions: readonly RouteDefinition[] = ROUTES,
  loadModule: ModuleLoader = importHandlerModule,
): LambdaRoute[] {
  return definitions.map((definition) => {
    let loading: Promise<LambdaHandler> | undefined;
    return {
      definition,
      routeKey: `${definition.method} ${definition.path}`,
      functionName: localFunctionName(definition.id),
      load: () => (loading ??= loadHandler(definition.handler, loadModule)),
    };
  });
}

export async function loadHandler(handlerPath: string, loadModule: ModuleLoader): Promise<LambdaHandler> {
  const module = await loadModule(handlerPath);
  if (typeof module.handler !== 'function')
    throw new Error(`${handlerPath} does not export a handler function`);
  return module.handler as LambdaHandler;
}

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: LambdaRoute; readonly pathParameters: Record<string, string> }
  | { readonly kind: 'none' };

/** Exact method and path, like an HTTP API without `ANY` or greedy routes; a wrong method is "no route". */
export function matchRoute(routes: readonly LambdaRoute[], method: string, rawPath: string): RouteMatch {
  for (const route of routes) {
    if (route.definition.method !== method) continue;
    let pathParameters: Record<string, string> | undefined;
    try {
      pathParameters = matchRoutePath(route.definition.path, rawPath);
    } catch {
      continue; // a malformed percent-escape in a path parameter matches nothing
    }
    if (pathParameters !== undefined) return { kind: 'route', route, pathParameters };
  }
  return { kind: 'none' };
}
