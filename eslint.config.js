// Lint: TypeScript and Svelte, type-aware where it catches real bugs (floating promises).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** main/'s capabilities: each a room of its own, below the core, the links and the transports. */
export const capabilities = [
  'queue',
  'case',
  'catalog',
  'appointment',
  'identity',
  'print',
  'outbox',
  'privacy',
  'platform',
  'access',
  'store',
  'log',
];
/** What composes the capabilities and carries their calls: above them. */
const above = ['core', 'hall-link', 'technician', 'demo', 'transport', 'server', 'shell', 'host'];

export default ts.config(
  {
    ignores: [
      'dist/',
      'release/',
      'node_modules/',
      '.data/',
      'test-results/',
      'kiosk-config/schema.json',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  ...layerRules(),
);

/**
 * The layers, as imports may draw them. `common/` is the bottom and imports nothing of ours;
 * drivers and the config format stand on it alone; the renderer sees only common; the core
 * (main) composes everything but the renderer; only main/shell talks to Electron; the platform
 * simulator is reached only from the demo host. Tests, rigs and benches may reach anywhere.
 */
function layerRules() {
  const electron = { name: 'electron', message: 'Only main/shell may import electron.' };
  const ours = [
    'main',
    'drivers',
    'kiosk-config',
    'renderer',
    'platform/simulator',
    'test',
    'bench',
  ];
  const forbid = (folders, why) => ({
    group: folders.flatMap((f) => [`**/${f}/**`, `**/${f}`]),
    message: why,
  });
  const rule = (files, folders, why, { ignores = [], allowElectron = false } = {}) => ({
    files,
    ignores: ['**/*.test.ts', ...ignores],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: allowElectron ? [] : [electron],
          patterns: folders.length ? [forbid(folders, why)] : [],
        },
      ],
    },
  });
  const without = (...keep) => ours.filter((f) => !keep.includes(f));
  return [
    rule(['common/**'], ours, 'common/ is the bottom layer: it imports nothing of ours.'),
    rule(['drivers/**'], without('drivers'), 'drivers/ may import only common/ and itself.'),
    rule(
      ['kiosk-config/**'],
      without('kiosk-config'),
      'kiosk-config/ may import only common/ and itself.',
    ),
    rule(
      ['renderer/**/*.ts', 'renderer/**/*.svelte'],
      without('renderer'),
      'renderer/ may import only common/ and itself; it talks to the core through the contract.',
    ),
    rule(
      ['main/**'],
      ['renderer', 'platform/simulator', 'test', 'bench'],
      'main/ composes common, drivers and kiosk-config; the simulator is loaded only by a demo host (main/demo), at run time.',
      { ignores: ['main/shell/**', 'main/demo/**'] },
    ),
    rule(
      capabilities.map((c) => `main/${c}/**`),
      ['renderer', 'platform/simulator', 'test', 'bench', ...above],
      'a capability stands on common, drivers, kiosk-config and other capabilities; the core, links and transports compose it, not the other way.',
    ),
    rule(
      ['main/demo/**'],
      ['renderer', 'test', 'bench'],
      'main/demo may start the simulator, nothing of the tests.',
    ),
    rule(
      ['main/shell/**'],
      ['renderer', 'platform/simulator', 'test', 'bench'],
      'main/shell is a host: no tests or simulator.',
      {
        allowElectron: true,
      },
    ),
  ];
}
