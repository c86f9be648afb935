import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BACKGROUND_FUNCTIONS, ROUTES } from '../../shared/api/routes';
import { functionLogicalId, synthesize } from './synth-fixture';

// One synth with real bundling proves esbuild runs locally (never Docker) and emits minified ESM with source maps.
describe('bundling', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-bundle-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('bundles every function as minified ESM with a source map, using the local esbuild', () => {
    const synth = synthesize({}, { bundle: true, outdir });
    const assembly = (synth.stack.node.root as unknown as { synth(): { directory: string } }).synth();
    const routeIds = new Set<string>(ROUTES.map((r) => r.id));
    for (const { id, handler } of [...ROUTES, ...BACKGROUND_FUNCTIONS]) {
      const fn = synth.template.toJSON().Resources[functionLogicalId(synth, id)];
      const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const bundle = path.join(assembly.directory, `asset.${assetHash}`);
      const code = fs.readFileSync(path.join(bundle, 'index.mjs'), 'utf8');
      const map = JSON.parse(fs.readFileSync(path.join(bundle, 'index.mjs.map'), 'utf8')) as {
        sources: string[];
      };
      expect(code.startsWith("import { createRequire as __createRequire } from 'node:module';")).toBe(true);
      expect(code).toContain('//# sourceMappingURL=index.mjs.map');
      // The bundle holds this function's own entry file (the map names every source that went in).
      expect(map.sources.some((source) => source.endsWith(`${handler}.ts`))).toBe(true);
      // Minified: an unminified esbuild bundle averages under 50 characters a line, a minified one thousands.
      expect(code.length / code.split('\n').length).toBeGreaterThan(500);
      // Routes answer through httpHandler, and only routes do.
      const holds = (file: string) => map.sources.some((source) => source.endsWith(file));
      expect([id, holds('shared/http/handler.ts')]).toEqual([id, routeIds.has(id)]);
      // Every function runs through `instrumented` (Powertools' middlewares: cold-start metric, traces, context),
      // so it is in every map; yet its name is not in the code: identifiers mangled.
      expect([id, holds('shared/observability/instrumented.ts')]).toEqual([id, true]);
      expect(code).not.toContain('function instrumented');
      // Built-ins whose ES namespace is costly at init are taken as CommonJS (CJS_BUILTINS, lib/mint-hub-function.ts).
      expect([id, code.match(/from\s*"(?:node:)?(?:http|process|util|fs|fs\/promises)"/)?.[0]]).toEqual([
        id,
        undefined,
      ]);
    }
  });
});
