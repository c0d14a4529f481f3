// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'devTools/**', 'tmp-playground/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/teams/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', '@microsoft/teams-ai', 'botframework-*'] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', 'botframework-*', '@microsoft/*', 'node:*', 'fs', 'better-sqlite3', '@azure/*', 'restify'] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Domain code takes time as a parameter.' }],
    },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.js'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        module: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
      },
    },
  },
);
