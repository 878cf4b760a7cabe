import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// ---- Layers (docs/architecture.md): shared ← core ← hosts; the simulator apart.
//
// Each zone lists the imports its files may not make, as regular expressions over the import's
// source text. One table feeds two rules: `no-restricted-imports` for static imports and re-exports
// (type-only ones too), and `no-restricted-syntax` for `import('…')` and `typeof import('…')`, which
// `no-restricted-imports` does not see. Relative paths are matched by the folder they name
// (`../main/…`, `../electron/…`), which holds because no other folder in src/ bears those names.
// test/lint-zones.test.ts lints one deliberate violation per zone through ESLint's Node API.

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nodeBuiltins = `^(node:|(${builtinModules.map(escape).join('|')})(/|$))`;
/** A relative import into one of the top-level folders of src/ named in `names`. */
const intoSrc = (...names) => `^(\\.\\./)+(src/)?(${names.join('|')})(/|$)`;
/** A relative import into one of the folders of src/main named in `names`. */
const intoMain = (...names) => `^(\\.{1,2}/)+(main/)?(${names.join('|')})(/|$)`;

const ELECTRON = '^electron(/|$)';
const electronOnlyInShell = {
  regex: ELECTRON,
  message:
    'Only the Electron shell (src/main/electron/, src/main/index.ts, src/preload/) may import electron: keep the core testable in plain Node.',
};

const zones = {
  shared: [
    {
      regex: intoSrc('main', 'renderer', 'preload', 'simulator'),
      message:
        'src/shared is the layer everything else imports: it imports nothing from main, the renderer or the simulator.',
    },
    {
      regex: nodeBuiltins,
      message: 'src/shared also runs in the renderer: no Node built-ins (node:*) here.',
    },
    electronOnlyInShell,
  ],
  simulator: [
    {
      regex: intoSrc('main', 'renderer', 'preload', 'shared'),
      message:
        "The simulator is Slack's witness, written from Slack's documentation: it imports nothing from the code it tests.",
    },
    electronOnlyInShell,
  ],
  core: [
    {
      regex: intoMain('electron', 'web'),
      message:
        'The core under src/main imports neither host (src/main/electron, src/main/web): hosts depend on the core, not the other way round.',
    },
    electronOnlyInShell,
  ],
  electronHost: [
    {
      regex: intoMain('web'),
      message:
        'The Electron shell does not import the browser host; share code through a core module instead.',
    },
  ],
  webHost: [
    {
      regex: intoMain('electron'),
      message:
        'The browser host does not import the Electron shell; share code through a core module instead.',
    },
    electronOnlyInShell,
  ],
  renderer: [
    {
      regex: intoSrc('main', 'preload', 'simulator'),
      message: 'The renderer talks to main only through the contract in src/shared.',
    },
    { regex: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node built-ins (node:*).' },
    electronOnlyInShell,
  ],
};

const ipcMainOutsideWrapper = {
  selector: "MemberExpression[object.name='ipcMain'][property.name=/^(on|handle|handleOnce|once)$/]",
  message: 'Register channels through the typed handle() wrapper in src/main/electron/ipc.ts.',
};

/** esquery regex literals end at the first `/`, so slashes inside are written as \x2F. */
const selectorRegex = (regex) => `/${regex.replaceAll('/', '\\x2F')}/`;

/** The two rules that hold a zone: static imports, and dynamic `import()` / `typeof import()`. */
const zoneRules = (restrictions, { ipcMain = true } = {}) => ({
  'no-restricted-imports': [
    'error',
    { patterns: restrictions.map(({ regex, message }) => ({ regex, message })) },
  ],
  'no-restricted-syntax': [
    'error',
    ...(ipcMain ? [ipcMainOutsideWrapper] : []),
    ...restrictions.flatMap(({ regex, message }) => [
      { selector: `ImportExpression[source.value=${selectorRegex(regex)}]`, message },
      { selector: `TSImportType[argument.literal.value=${selectorRegex(regex)}]`, message },
    ]),
  ],
});

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [electronOnlyInShell] }],
    },
  },
  {
    files: ['src/preload/**', 'e2e/**', 'electron.vite.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Promises that nobody awaits lose their errors; a promise where a callback's result is ignored
    // (an event listener, a `forEach`) does too. Fire-and-forget is written `void`, with a reason.
    files: ['**/*.{ts,tsx,mts,cts}'],
    ignores: ['**/*.d.{ts,mts,cts}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Short units (issue 16): a source file says one thing, a function does one step. Tests, their
    // helpers and the scripts outside src/ are exempt: a describe block is a list, not a unit.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/test-support/**'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Data, not code: the simulator's app catalog is one table of apps and their scopes.
    files: ['src/simulator/app-catalog.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    // Playwright fixtures take their dependencies as a destructured first argument, even when empty.
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  { files: ['src/shared/**'], rules: zoneRules(zones.shared) },
  { files: ['src/simulator/**'], rules: zoneRules(zones.simulator, { ipcMain: false }) },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**', 'src/main/web/**', 'src/main/index.ts'],
    rules: zoneRules(zones.core),
  },
  {
    files: ['src/main/electron/**', 'src/main/index.ts'],
    ignores: ['src/main/electron/ipc.ts'],
    rules: zoneRules(zones.electronHost),
  },
  { files: ['src/main/electron/ipc.ts'], rules: zoneRules(zones.electronHost, { ipcMain: false }) },
  { files: ['src/main/web/**'], rules: zoneRules(zones.webHost) },
  {
    files: ['src/preload/**'],
    rules: { 'no-restricted-syntax': ['error', ipcMainOutsideWrapper] },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for the React Compiler, which Admit does not use.
      'react-hooks/incompatible-library': 'off',
      ...zoneRules(zones.renderer, { ipcMain: false }),
    },
  },
);
