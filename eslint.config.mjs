// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import jestPlugin from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'cdk.out/', '.mint-hub/', 'coverage/', 'dashboard/dist/', 'test-artifacts/'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS files (jest config, Node preloads): require() is how they import.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Config is read once, in shared/config; everything else receives it typed.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through shared/config only.' },
      ],
      'no-console': 'error',
    },
  },
  {
    // The layering of docs/architecture.md: shared/ stands alone, functions/ never import each other or lib/.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/functions/**', '**/lib/**', '**/local/**', '**/dashboard/**', '**/bin/**'] },
      ],
    },
  },
  {
    // Lambda code imports zod as a namespace: `import { z }` keeps all of zod (its 63 locales too, 450 KB minified)
    // in every bundle that uses it; with `import * as z` esbuild keeps what is used (about 90 KB).
    files: ['shared/**/*.ts', 'functions/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // Type-only imports (`import type { z }`) leave nothing in the bundle and stay allowed.
          selector:
            "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z'][importKind='value']",
          message: "Use `import * as z from 'zod'`: the named import keeps all of zod in the bundle.",
        },
      ],
    },
  },
  {
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '../functions/**',
            './*',
            '**/lib/**',
            '**/local/**',
            '**/dashboard/**',
            'aws-cdk-lib',
            'aws-cdk-lib/*',
          ],
        },
      ],
    },
  },
  {
    // local/ and bench/ are not Lambda code (they start emulators and child processes); tests set up environments.
    files: ['shared/config/**/*.ts', 'local/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-console': 'off' },
  },
  {
    // Command-line entry points print, but read their settings through shared/config like the functions.
    files: ['bin/**/*.ts', 'scripts/**/*.ts', 'scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    ...jestPlugin.configs['flat/recommended'],
    rules: {
      ...jestPlugin.configs['flat/recommended'].rules,
      'jest/no-disabled-tests': 'error',
      'jest/no-focused-tests': 'error',
      'jest/expect-expect': [
        'error',
        {
          assertFunctionNames: ['expect', 'expect*', '**.hasResource*', '**.resourceCountIs'],
        },
      ],
    },
  },
  prettier,
);
