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
    // Migrations are frozen against Kysely<any> on purpose: they must not follow today's types.
    files: ['bff/src/db/migrations/**', 'bff/src/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/shared/http/**', 'src/shared/time.ts', 'src/**/*.h5.ts', 'src/**/*.h5.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
