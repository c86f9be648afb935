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
    for (const id of [...ROUTES.map((r) => r.id), ...BACKGROUND_FUNCTIONS.map((f) => f.id)]) {
      const fn = synth.template.toJSON().Resources[functionLogicalId(synth, id)];
      const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const bundle = path.join(assembly.directory, `asset.${assetHash}`);
      const code = fs.readFileSync(path.join(bundle, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire as __createRequire } from 'node:module';")).toBe(true);
      expect(code).toContain('//# sourceMappingURL=index.mjs.map');
      expect(fs.existsSync(path.join(bundle, 'index.mjs.map'))).toBe(true);
      // Minified: our comments are gone and internal function names are mangled.
      expect(code).not.toContain('Wraps a route');
      expect(code).not.toContain('function httpHandler');
    }
  });
});
