// Lint: typescript-eslint's type-checked rules, plus the dependency rule of docs/ARCHITECTURE.md:
// core imports nothing of ours; stages import core, never the API, the CLI or the composition root.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'chancery-data/**', 'test/fixtures/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/require-await': 'off',
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // Assertions narrow types as they go, so the optional chains that keep a failing test's
    // message readable look "unnecessary" to the checker.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  layer(['src/core/**'], ['../*', '!./*'], 'core imports nothing else of Chancery'),
  layer(
    [
      'src/sources/**',
      'src/parsers/**',
      'src/enrich/**',
      'src/storage/**',
      'src/pipeline/**',
      'src/config/**',
      'src/detect/**',
      'src/alerts/**',
    ],
    ['**/api/**', '**/cli/**', '**/main.ts'],
    'stages never import the API, the CLI or the composition root',
  ),
  layer(
    ['src/parsers/**'],
    ['**/storage/**', '**/pipeline/**', '**/enrich/**'],
    'parsers turn records into events and nothing else',
  ),
  layer(
    ['src/detect/**'],
    [
      '**/api/**',
      '**/cli/**',
      '**/main.ts',
      '**/storage/sqlite/**',
      '**/pipeline/**',
      '**/parsers/**',
      '**/enrich/**',
    ],
    'detectors read events and emit alerts; they reach storage only through its ports',
  ),
  layer(
    ['src/alerts/**'],
    [
      '**/api/**',
      '**/cli/**',
      '**/main.ts',
      '**/storage/sqlite/**',
      '**/detect/**',
      '**/pipeline/**',
      '**/parsers/**',
      '**/enrich/**',
      '**/sources/**',
    ],
    'the alert stream serves every detector: it knows alerts and storage ports, nothing else',
  ),
  layer(
    ['src/incidents/**'],
    [
      '**/api/**',
      '**/cli/**',
      '**/main.ts',
      '**/storage/sqlite/**',
      '**/pipeline/**',
      '**/parsers/**',
      '**/enrich/**',
      '**/detect/**',
      '**/sources/**',
    ],
    'incidents are built from the common alert stream, never from a detector or an adapter',
  ),
  layer(
    ['src/api/**', 'src/cli/**'],
    ['**/storage/sqlite/**'],
    'the API and CLI reach storage only through its ports',
  ),
);
