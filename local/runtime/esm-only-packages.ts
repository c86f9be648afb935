import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

/**
 * `npm start` runs the handler modules with tsx, which compiles them to CommonJS (the package is not
 * `"type": "module"`), so `import middy from '@middy/core'` becomes `require('@middy/core')`. Middy publishes only
 * an `import` export condition, which `require` cannot match. This resolves such a package through its `import`
 * condition instead, and Node (20.19+) then loads the ES module with require(esm). The deployed bundles (esbuild,
 * ESM) and jest (moduleNameMapper) do not go through here. Installed once per process; a no-op under jest.
 */
type ResolveFilename = (
  request: string,
  parent: { filename?: string | null } | undefined,
  ...rest: unknown[]
) => string;

let installed = false;

export function allowRequireOfEsmOnlyPackages(): void {
  if (installed) return;
  installed = true;
  const loader = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = loader._resolveFilename;
  loader._resolveFilename = function resolveFilename(this: unknown, request, parent, ...rest) {
    try {
      return original.call(this, request, parent, ...rest);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
      const resolved = resolveImportCondition(request, parent?.filename ?? undefined);
      if (resolved === undefined) throw error;
      return resolved;
    }
  };
}

/** `@scope/name[/subpath]` → the file its `exports[subpath].import` names, found from the requiring file. */
export function resolveImportCondition(request: string, fromFile: string | undefined): string | undefined {
  const parts = request.split('/');
  const nameLength = request.startsWith('@') ? 2 : 1;
  const packageName = parts.slice(0, nameLength).join('/');
  const subpath = ['.', ...parts.slice(nameLength)].join('/');
  for (let dir = path.dirname(fromFile ?? path.join(process.cwd(), 'index.js')); ; dir = path.dirname(dir)) {
    const packageDir = path.join(dir, 'node_modules', packageName);
    const manifest = path.join(packageDir, 'package.json');
    if (existsSync(manifest)) {
      const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown> };
      const target = importTarget(exports?.[subpath]);
      return target === undefined ? undefined : path.join(packageDir, target);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function importTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { import: imported, default: fallback } = entry as { import?: unknown; default?: unknown };
  return importTarget(imported) ?? importTarget(fallback);
}
