// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

// Import boundaries (VS Code style): each runtime may import only what it can run.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = nodeBuiltins.map((name) => ({ name, message: 'renderer/ and shared/ run without Node.' }));
const noElectron = [{ name: 'electron', message: 'Only electron/ may import electron.' }];
const noTestFixtures = { group: ['**/test-fixtures/*', '**/test-fixtures/**'], message: 'Test fixtures live with the tests; product code does not import them.' };
const nodeOnlyPackages = ['electron-store', 'conf', 'node-notifier', 'ws'].map((name) => ({ name, message: 'Node-only package.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'release/**', '.bench-host/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Config files are the one place tools demand a default export.
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': ['error', { paths: [...noNode, ...noElectron, ...nodeOnlyPackages, { name: 'react', message: 'shared/ has no DOM or UI.' }], patterns: [{ group: ['../core/*', '../electron/*', '../renderer/*', '../host/*'], message: 'shared/ depends on nothing else in the repo.' }, noTestFixtures] }],
    },
  },
  {
    // Tests of shared/ code run under Node and may read the example files from disk.
    files: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [...noNode, ...noElectron, ...nodeOnlyPackages], patterns: [{ group: ['**/core/*', '**/electron/*', '**/host/*'], message: 'The renderer talks to the core only through the VigilApi contract.' }, noTestFixtures] }],
      'no-restricted-properties': ['error', { object: 'window', property: 'open', message: 'Links go through api.openLink (main-process allowlist).' }],
    },
  },
  {
    // Renderer tests may use the fixtures (test-fixtures/test-incidents.ts); the renderer's boundary still applies.
    files: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noNode, ...noElectron, ...nodeOnlyPackages], patterns: [{ group: ['**/core/*', '**/electron/*', '**/host/*'], message: 'The renderer talks to the core only through the VigilApi contract.' }] }],
    },
  },
  {
    files: ['core/**/*.ts', 'host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: noElectron, patterns: [{ group: ['**/electron/*', '**/renderer/*'], message: 'The core runs without Electron and without the DOM.' }, noTestFixtures] }],
    },
  },
  {
    // Product code never reaches into the test fixtures (process launchers, fakes, fault proxies).
    files: ['electron/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noTestFixtures] }],
    },
  },
  {
    // Tests may use the fixtures; the core's boundary rules still apply to them.
    files: ['core/**/*.test.ts', 'host/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: noElectron, patterns: [{ group: ['**/electron/*', '**/renderer/*'], message: 'The core runs without Electron and without the DOM.' }] }],
    },
  },
);
