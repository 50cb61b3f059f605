import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'coverage', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // One wrapper per library: the app goes through src/shared/http.ts and src/shared/time.ts.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'axios', message: 'Use the one client in src/shared/http.' },
            { name: 'dayjs', message: 'Use the wrapper in src/shared/time.' },
            { name: 'gdt-jsapi', message: 'Import gdt-jsapi only in *.h5.ts platform files.' },
          ],
        },
      ],
    },
  },
  {
    // Transactions go through lib/retry-transaction (retries, SQLite's write lock, group commit).
    files: ['bff/src/**/*.ts'],
    ignores: ['bff/src/lib/retry-transaction.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction'][arguments.length=0]",
          message: 'Use transactionWithRetry (lib/retry-transaction.ts) instead of db.transaction().',
        },
      ],
    },
  },
  {
    // A module reaches another only through its face (`../<module>`, its index.ts), never its
    // repositories, tables or services.
    files: ['bff/src/modules/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+contract/',
              message: "Import the contract through its alias: '@contract/<file>'.",
            },
            {
              regex: '^\\.\\./(?!\\.\\.)[^/]+/',
              message: "Reach another module through its face: import from '../<module>' (its index.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // The rest of the BFF reaches modules the same way (db/schema.ts merges the modules' tables).
    // The speed wing (fast-paths/, see its README) is the lunch rush's machinery for takeaway and
    // canteen menus: it works on their rows and repositories directly, by design.
    files: ['bff/src/**/*.ts'],
    ignores: ['bff/src/modules/**', 'bff/src/db/schema.ts', 'bff/src/fast-paths/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+contract/',
              message: "Import the contract through its alias: '@contract/<file>'.",
            },
            {
              regex: '(^|/)modules/[^/]+/',
              message: "Reach a module through its face: import from 'modules/<module>' (its index.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Type-aware: a promise nobody awaits or catches loses its error (and in a route, its answer).
    files: ['bff/src/**/*.ts', 'src/**/*.{ts,tsx}', 'contract/**/*.ts', 'mock/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Migrations are frozen against Kysely<any> on purpose: they must not follow today's types.
    files: ['bff/src/db/migrations/**', 'bff/src/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The wing, the mocks and the tests reach the contract by its alias too.
    files: ['bff/src/fast-paths/**/*.ts', 'bff/test/**/*.ts', 'mock/**/*.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+contract/',
              message: "Import the contract through its alias: '@contract/<file>'.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/http/**', 'src/shared/time.ts', 'src/**/*.h5.ts', 'src/**/*.h5.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
