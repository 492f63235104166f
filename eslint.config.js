import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import prettier from 'eslint-config-prettier/flat';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser }, globals: globals.browser },
  },
  {
    files: ['**/*.{ts,js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core, the shared contract and the sandbox run in plain Node (tests, browser host,
    // sandbox CLI): they must never depend on Electron.
    files: ['electron/core/**', 'electron/shared/**', 'sandbox/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The core is Electron-free: take what you need through a port.' }] },
      ],
    },
  },
  {
    // The renderer reaches the host only through its ipc module, never Node or Electron; it
    // names other folders by the aliases (@/ for renderer/src, @shared/ for electron/shared).
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'keytar', 'ws'],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser page.' },
            { group: ['../*'], message: 'Name another folder by its alias: @/ (renderer/src) or @shared/ (electron/shared).' },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (its check runs in npm test): lint keeps to what code means.
  prettier,
);
