import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The operators' dashboard. Vite 8 transforms TSX with Oxc: the automatic JSX runtime from Preact, no plugin.
 * `publicDir` is `static/`, not `public/`: `dashboard/public/` holds the placeholder page the CDK app deploys
 * when no build exists, and must not be copied over the built index.html.
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: 'static',
  oxc: {
    // Production JSX whatever NODE_ENV the build runs under (jest sets `test`, which would make Oxc emit jsxDEV
    // calls carrying every component's absolute source path into the deployed bundle).
    jsx: { runtime: 'automatic', importSource: 'preact', development: false },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // One small bundle: no inline scripts or data: modules, which the CSP (script-src 'self') would refuse.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
});
