import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

const forbid = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/html-indent': 'off',
    },
  },
  // Every visible string goes through i18n (French first, English too).
  {
    files: ['client/**/*.vue'],
    rules: { 'vue/no-bare-strings-in-template': ['error', { allowlist: ['(', ')', ',', '.', '&', '+', '-', '=', '*', '/', '#', '%', '!', '?', ':', '[', ']', '{', '}', '<', '>', '·', '–', '—', '|', '…', '×', '→', '←', '↑', '↓', 'Maillage', 'Français', 'English'] }] },
  },
  // Imports go one way: shared ← db ← server, shared ← client.
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(['**/server/**', '**/db/**', '**/client/**', 'fastify*', 'vue*', 'drizzle-orm*', 'better-sqlite3', 'yjs', 'socket.io*'], 'shared/ imports only its validation library.') },
  },
  {
    files: ['db/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(['**/server/**', '**/client/**', 'fastify*', 'vue*'], 'db/ imports nothing of the app.') },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(['**/client/**', 'vue*'], 'server/ never imports the client.') },
  },
  {
    files: ['client/**/*.ts', 'client/**/*.vue'],
    rules: { 'no-restricted-imports': forbid(['**/server/**', '**/db/**', 'drizzle-orm*', 'better-sqlite3', 'fastify*', 'argon2', 'nodemailer'], 'client/ uses only shared/.') },
  },
);
