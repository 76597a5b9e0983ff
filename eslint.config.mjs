// Lint, including the layer rules of the house (see README "Architecture"):
//   main/      plain Node engine: never electron, react, or the DOM
//   renderer/  browser only: never Node built-ins, never main/ except main/contract
//   preload/   only electron and main/contract
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const uiPackages = ['react', 'react-dom', 'react-dom/client', 'zustand', 'lightweight-charts'];
const nodeOnlyPackages = ['better-sqlite3', 'ws', 'electron'];

/** Time is read through the injected Clock (main/core/clock.ts), so tests can drive it. */
const CLOCK = 'Read time and schedule through the injected Clock (main/core/clock.ts), so tests can drive it';
const clockRule = (domGlobals) => ({
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: `${CLOCK}: not new Date().`,
    },
    {
      selector: "NewExpression[callee.name='Date'] Identifier[name='undefined']",
      message: `${CLOCK}: not new Date(undefined).`,
    },
    {
      selector: "NewExpression[callee.name='Date'] > SpreadElement",
      message: `${CLOCK}: a spread may be empty; pass the instant explicitly.`,
    },
    {
      selector: 'ImportDeclaration[source.value=/^(node:)?timers/]',
      message: `${CLOCK}: not the timers module.`,
    },
    {
      selector: "CallExpression[callee.name='require'][arguments.0.value=/^(node:)?timers/]",
      message: `${CLOCK}: not the timers module.`,
    },
  ],
  'no-restricted-properties': [
    'error',
    ...[
      ['Date', 'now'],
      ['performance', 'now'],
      ['process', 'hrtime'],
      ...['globalThis', 'global'].flatMap((o) =>
        ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'performance'].map((p) => [o, p]),
      ),
    ].map(([object, property]) => ({ object, property, message: `${CLOCK}: not ${object}.${property}.` })),
  ],
  'no-restricted-globals': [
    'error',
    ...domGlobals,
    ...['setTimeout', 'setInterval', 'setImmediate', 'performance'].map((name) => ({
      name,
      message: `${CLOCK}: not the global ${name}.`,
    })),
  ],
});

/** Folders of the engine that sit below others: they must not reach up (no import cycles). */
const lowerLayers = [
  [
    'main/core/**/*.ts',
    ['../engine', '../engine/*', '../workers', '../workers/*', '../store', '../store/*'],
    'main/core/ is the base: it imports only the contract.',
  ],
  [
    'main/store/**/*.ts',
    ['../engine', '../engine/*', '../workers', '../workers/*', '../../engine/*', '../../workers/*'],
    'main/store/ must not depend on the engine or the task runner.',
  ],
  [
    'main/workers/**/*.ts',
    ['../engine', '../engine/*', '../../engine/*'],
    'main/workers/ is the generic task runner: the engine uses it, never the other way round.',
  ],
];

/** What main/ may never import; a lower layer adds its own ban (a later rule replaces an earlier one). */
function mainImportBans(...extra) {
  return [
    'error',
    {
      paths: [...uiPackages, 'electron'].map((name) => ({
        name,
        message: 'main/ is the Electron-free engine: it never imports electron, React or UI packages.',
      })),
      patterns: [
        {
          group: ['**/renderer/**', '**/electron/**', '**/preload/**'],
          message: 'main/ must not depend on the shells.',
        },
        ...extra,
      ],
    },
  ];
}

const domGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
  'location',
].map((name) => ({ name, message: 'main/ is plain Node: no DOM. Move UI code to renderer/.' }));

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Launcher scripts are plain CommonJS so they run before anything is built.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/contract/**'],
    rules: {
      'no-restricted-imports': mainImportBans(),
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: [
      'main/**/*.test.ts',
      'main/**/testing/**',
      'main/core/clock.ts',
      'main/cli.ts',
      'main/worker.ts',
    ],
    rules: clockRule(domGlobals),
  },
  ...lowerLayers.map(([files, group, message]) => ({
    files: [files],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': mainImportBans({ group, message }),
    },
  })),
  {
    // The contract is imported by the renderer too, so it stays free of Node and of the engine.
    files: ['main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodeOnlyPackages, ...uiPackages].map((name) => ({
            name,
            message: 'main/contract/ is shared with the renderer: only zod and its own files.',
          })),
          patterns: [
            {
              group: ['../*', '!../contract'],
              message: 'main/contract/ imports only its own files and zod.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    // Samples for tests on both sides of the contract sit one level down: same rule, one level up.
    files: ['main/contract/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodeOnlyPackages, ...uiPackages].map((name) => ({
            name,
            message: 'main/contract/ is shared with the renderer: only zod and its own files.',
          })),
          patterns: [
            {
              group: ['../../*', '!../../contract'],
              message: 'main/contract/ imports only its own files and zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({
            name,
            message:
              'renderer/ runs in the browser sandbox: no Node modules. Ask the engine through the contract.',
          })),
          patterns: [
            {
              group: ['**/main/**', '!**/main/contract', '!**/main/contract/**'],
              message: 'renderer/ may import only main/contract from the engine.',
            },
            {
              group: ['**/electron/**', '**/preload/**'],
              message: 'renderer/ talks to the shell only through the contract client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    ignores: ['preload/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // A regex, not globs: with gitignore-style globs a '*' exclusion cannot be re-included.
          patterns: [
            {
              regex: '^(?!(electron|\\./[\\w.-]+|(\\.\\./)+main/contract(/[\\w.-]+)?)$)',
              message: 'preload/ imports only electron, its own files and main/contract.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
