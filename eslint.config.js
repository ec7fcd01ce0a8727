import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import importDirections from './eslint-rules/import-directions.js';

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
  // Imports go one way (../shared/architecture.md, rule 1); tests/architecture/lint-directions.test.ts
  // shows each direction refused. Every layer a file belongs to applies (server/core obeys server/ too).
  {
    files: ['**/*.{ts,vue,js,mjs}'],
    plugins: { maillage: { rules: { 'import-directions': importDirections } } },
    rules: {
      'maillage/import-directions': ['error', {
        layers: [
          { from: 'shared', allowOnly: ['shared'], packagesOnly: ['zod'], message: 'shared/ imports only its validation library (zod), nothing of the app.' },
          { from: 'db', forbid: ['server', 'client'], packages: ['fastify*', '@fastify/*', 'vue*', 'socket.io*'], message: 'db/ imports nothing of server/ or client/.' },
          { from: 'server/core', forbid: ['server/features', 'server/app', 'server/demo', 'server/main', 'server/ops'], message: 'server/core knows no feature: the composition root (server/app.ts and what it calls) wires them in.' },
          { from: 'server', forbid: ['client'], packages: ['vue*', 'pinia', '@tiptap/vue-3'], message: 'server/ never imports client/.' },
          { from: 'client', allowOnly: ['client', 'shared'], packages: ['drizzle-orm*', 'better-sqlite3', 'fastify*', '@fastify/*', 'argon2', 'nodemailer', 'socket.io', 'piscina'], message: 'client/ uses only shared/ (never server/ or db/).' },
        ],
      }],
    },
  },
);
