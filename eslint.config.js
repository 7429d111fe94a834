// @ts-check
/**
 * Lint configuration of VanBan Desk. Besides the usual hygiene rules it enforces the process boundaries of
 * DESIGN.md ("import zones"): which folder may import what. The boundaries are what keeps the core runnable
 * in plain Node, the renderer runnable in a browser and src-shared runnable everywhere.
 *
 * DO NOT RELAX THESE RULES. If a zone rule blocks you, the code is in the wrong folder or needs an interface
 * in src-shared; src-shared/boundaries.test.ts proves every zone still rejects what it must.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

// ---- building blocks of the zones -------------------------------------------------------------------------

/** @typedef {{ name: string, message: string }} PathRule */
/** @typedef {{ regex: string, message: string }} PatternRule */
/** @typedef {{ paths: PathRule[], patterns: PatternRule[] }} Restriction */

/** @type {(paths: PathRule[], patterns?: PatternRule[]) => Restriction} */
const restriction = (paths, patterns = []) => ({ paths, patterns });

const ELECTRON = restriction(
  [{ name: 'electron', message: 'electron is imported only under src-main/shell (DESIGN.md: one runtime per folder).' }],
  [{ regex: '^electron/', message: 'electron is imported only under src-main/shell (DESIGN.md: one runtime per folder).' }],
);

const nodeBuiltinMessage = 'Node built-ins are not available here: this folder must run in the browser/renderer as well.';
const NODE_BUILTINS = restriction(
  builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: nodeBuiltinMessage })),
  [{ regex: '^node:', message: nodeBuiltinMessage }],
);

/** Modules that only work in one runtime (native addons, Node servers, DOM/UI libraries). */
const runtimeOnly = (names, message) =>
  restriction(
    names.filter((n) => !n.endsWith('/*')).map((name) => ({ name, message })),
    names.filter((n) => n.endsWith('/*')).map((n) => ({ regex: `^${n.slice(0, -2).replace('/', '\\/')}(/|$)`, message })),
  );
const NODE_ONLY_PACKAGES = runtimeOnly(
  ['better-sqlite3', 'pg', 'ws', 'pkcs11js', '@electric-sql/pglite', '@electric-sql/pglite/*', 'drizzle-kit', 'tesseract.js'],
  'This package needs Node (native addon or server); it belongs to src-main/core or src-server.',
);
const DOM_ONLY_PACKAGES = runtimeOnly(
  ['react', 'react-dom', 'react-dom/*', 'react/*', 'antd', 'antd/*', '@ant-design/*', '@tanstack/*', 'pdfjs-dist', 'pdfjs-dist/*'],
  'UI/DOM packages belong to src-renderer only.',
);

/** Import of one of our top-level folders, relative or not (e.g. `../../src-main/core/x`). */
const folder = (name, message) => restriction([], [{ regex: `(^|/)${name}(/|$)`, message }]);
const MAIN = folder('src-main', 'This folder must not import src-main (DESIGN.md import zones).');
const SERVER = folder('src-server', 'Only the server imports src-server; talk to it over HTTP.');
const RENDERER = folder('src-renderer', 'Only the renderer imports src-renderer; the core talks to it through src-shared/contract.');
const NON_SOURCE = folder('(tests|bench|scripts)', 'Application code must not import tests, benchmarks or scripts.');
const OUTSIDE_SHARED = folder('(src-main|src-server|src-renderer|tests|bench|scripts|resources)', 'src-shared imports nothing of ours outside src-shared.');
/** From inside src-main: climbing out of core into its sibling folders (`../shell/x`, `../../host/y`). */
const sibling = (names, message) => restriction([], [{ regex: `^(\\.\\./)+(src-main/)?(${names})(/|$)`, message }]);
const CORE_SIBLINGS = sibling('shell|host', 'src-main/core is plain Node: it must not import the Electron shell or the browser host.');
const SHELL_SIBLINGS = sibling('host', 'The Electron shell and the browser host are alternatives; neither imports the other.');
const HOST_SIBLINGS = sibling('shell', 'The Electron shell and the browser host are alternatives; neither imports the other.');

/** @type {(...parts: Restriction[]) => import('eslint').Linter.RuleEntry} */
const forbid = (...parts) => [
  'error',
  { paths: parts.flatMap((p) => p.paths), patterns: parts.flatMap((p) => p.patterns) },
];

/** Dynamic `import('x')` and `require('x')` bypass no-restricted-imports: block them for the strict zones. */
const dynamicImport = (regex, message) => [
  { selector: `ImportExpression[source.value=${regex}]`, message },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=${regex}]`, message },
];
const NO_DYNAMIC_ELECTRON = dynamicImport('/^electron/', 'electron is imported only under src-main/shell.');
const NO_DYNAMIC_NODE = dynamicImport(
  '/^(node:.*|fs|fs.promises|path|os|child_process|net|http|https|crypto|stream|worker_threads|electron.*)$/',
  nodeBuiltinMessage,
);

const nodeGlobalsMessage = 'Node globals do not exist in this runtime.';
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
  name,
  message: nodeGlobalsMessage,
}));
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'alert'].map((name) => ({
  name,
  message: 'DOM globals do not exist in src-shared: it also runs in the core and the server.',
}));

/** Tests and test-support modules (never imported by shipped code; they run in Node under vitest). */
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/*-test-env.ts'];

// ---- the configuration --------------------------------------------------------------------------------------

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'release/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'tests/e2e/artifacts/**',
      '**/migrations/**',
      // Hidden top-level dirs hold local data and scratch files, never sources (.ci has only shell scripts).
      '.*/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.es2021 } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      // Default zone for everything not listed below (tests, bench, scripts, configs): no electron import.
      'no-restricted-imports': forbid(ELECTRON),
    },
  },
  // Node-side folders and tooling.
  {
    files: ['src-main/**', 'src-server/**', 'tests/**', 'bench/**', 'scripts/**', '*.config.{js,ts,mjs}', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ['src-renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },

  // ---- import zones (DESIGN.md "Processes and folders") ----
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': forbid(OUTSIDE_SHARED, ELECTRON, NODE_BUILTINS, NODE_ONLY_PACKAGES, DOM_ONLY_PACKAGES),
      'no-restricted-globals': ['error', ...NODE_GLOBALS, ...DOM_GLOBALS],
      'no-restricted-syntax': ['error', ...NO_DYNAMIC_NODE],
    },
  },
  {
    // Tests of src-shared run in Node under vitest: they may use Node built-ins and dev tools, never other zones.
    files: TEST_FILES.map((g) => `src-shared/${g}`),
    rules: {
      'no-restricted-imports': forbid(OUTSIDE_SHARED, ELECTRON, NODE_ONLY_PACKAGES, DOM_ONLY_PACKAGES),
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
      'no-restricted-syntax': ['error', ...NO_DYNAMIC_ELECTRON],
    },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': forbid(MAIN, SERVER, NON_SOURCE, ELECTRON, NODE_BUILTINS, NODE_ONLY_PACKAGES),
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
      'no-restricted-syntax': ['error', ...NO_DYNAMIC_NODE],
    },
  },
  {
    files: TEST_FILES.map((g) => `src-renderer/${g}`),
    rules: {
      'no-restricted-imports': forbid(MAIN, SERVER, NON_SOURCE, ELECTRON, NODE_ONLY_PACKAGES),
      'no-restricted-globals': 'off',
      'no-restricted-syntax': ['error', ...NO_DYNAMIC_ELECTRON],
    },
  },
  {
    // Build configuration of the renderer (vite) runs in Node at build time, never in the page.
    files: ['src-renderer/*.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': forbid(MAIN, SERVER, ELECTRON),
      'no-restricted-globals': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['src-server/**'],
    rules: {
      'no-restricted-imports': forbid(MAIN, RENDERER, NON_SOURCE, ELECTRON, DOM_ONLY_PACKAGES),
      'no-restricted-syntax': ['error', ...NO_DYNAMIC_ELECTRON],
    },
  },
  {
    // Server tests may start processes through tests/helpers; still no desktop or renderer code.
    files: TEST_FILES.map((g) => `src-server/${g}`),
    rules: { 'no-restricted-imports': forbid(MAIN, RENDERER, ELECTRON, DOM_ONLY_PACKAGES) },
  },
  {
    files: ['src-main/core/**'],
    rules: {
      'no-restricted-imports': forbid(CORE_SIBLINGS, SERVER, RENDERER, NON_SOURCE, ELECTRON, DOM_ONLY_PACKAGES),
      'no-restricted-syntax': ['error', ...NO_DYNAMIC_ELECTRON],
    },
  },
  {
    // Core tests may start a real server through tests/helpers (a child process, not an import of src-server).
    files: TEST_FILES.map((g) => `src-main/core/${g}`),
    rules: {
      'no-restricted-imports': forbid(CORE_SIBLINGS, SERVER, RENDERER, ELECTRON, DOM_ONLY_PACKAGES),
    },
  },
  {
    files: ['src-main/host/**'],
    rules: {
      'no-restricted-imports': forbid(HOST_SIBLINGS, SERVER, RENDERER, NON_SOURCE, ELECTRON, DOM_ONLY_PACKAGES),
      'no-restricted-syntax': ['error', ...NO_DYNAMIC_ELECTRON],
    },
  },
  {
    // The only place allowed to import electron.
    files: ['src-main/shell/**'],
    rules: {
      'no-restricted-imports': forbid(SHELL_SIBLINGS, SERVER, RENDERER, NON_SOURCE, DOM_ONLY_PACKAGES),
    },
  },
);
