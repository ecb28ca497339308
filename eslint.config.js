/**
 * Lint rules. The one that matters most for the architecture: src/core is pure. It may not import
 * Office.js, ExcelJS, React, Node built-ins or any adapter folder, so the add-in, the custom functions
 * and the CLI all run the same rules.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tseslint = require('typescript-eslint');

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'zlib', 'http', 'https', 'stream', 'url', 'util', 'worker_threads'];

module.exports = tseslint.config(
  { ignores: ['lib/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((m) => [
              { name: m, message: 'src/core is pure: no Node built-ins (do I/O in src/cli or src/xlsx).' },
              { name: `node:${m}`, message: 'src/core is pure: no Node built-ins.' },
            ]),
            { name: 'exceljs', message: 'src/core is pure: ExcelJS belongs in src/xlsx.' },
            { name: 'react', message: 'src/core is pure: UI belongs in src/taskpane.' },
          ],
          patterns: [
            { group: ['@microsoft/office-js*', 'office-js*'], message: 'src/core is pure: Office.js belongs in src/excel.' },
            { group: ['**/excel/**', '**/xlsx/**', '**/cli/**', '**/taskpane/**', '**/functions/**', '**/commands/**', '**/node/**', '**/runtime/**'], message: 'src/core may not import adapters.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Excel', message: 'src/core is pure: no Office.js globals.' }, { name: 'Office', message: 'src/core is pure: no Office.js globals.' }],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
  },
);
