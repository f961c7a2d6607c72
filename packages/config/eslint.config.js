// One lint config for the whole monorepo (run from the root: `pnpm lint`).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaryPaths, boundaryPatterns, workerBoundary } from './eslint-boundary.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/build/**', 'apps/worker/dist/**', '**/.cache/**', '**/.turbo/**', '.local/**', 'packages/db/migrations/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['apps/web/app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Schemas take z from ~/lib/validation.ts, which gives every issue a translated message (no raw English).
      // The apps' boundary (no queries, eslint-boundary.js) is part of the same rule: a later block would replace it.
      'no-restricted-imports': ['error', { paths: [{ name: 'zod', message: "Import { z } from '~/lib/validation.ts' so validator messages are translated." }, ...boundaryPaths], patterns: boundaryPatterns }],
    },
  },
  // The grid worker's app's service worker (issue 20) runs in the browser's service-worker scope.
  { files: ['apps/web/public/**/*.js'], languageOptions: { globals: { ...globals.serviceworker }, sourceType: 'script' } },
  { files: ['apps/web/app/lib/validation.ts'], rules: { 'no-restricted-imports': ['error', { paths: boundaryPaths, patterns: boundaryPatterns }] } },
  workerBoundary,
  {
    // Input schemas beside the use cases take z from src/zod.ts (the error map that turns issues into i18n keys).
    files: ['packages/use-cases/src/**/*.ts'],
    ignores: ['packages/use-cases/src/zod.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'zod', message: "Import { z } from '../zod.ts' so validator messages are i18n keys." }] }] },
  },
  {
    // Command-line entry points and scripts talk to the terminal.
    files: ['infra/**', '**/cli/**', '**/bench/**', 'apps/web/server.mjs', '**/*.test.ts', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
