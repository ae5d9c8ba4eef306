/** @type {import('jest').Config} */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

/** What every project shares: how TypeScript and the ESM-only bpmn-moddle reach jest. */
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  // bpmn-moddle and its dependencies are ESM only: compiled to CommonJS for jest like our own code.
  transformIgnorePatterns: [
    '/node_modules/(?!(bpmn-moddle|moddle|moddle-xml|saxen|min-dash|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/data/', '/.tools/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/data/', '<rootDir>/.tools/'],
};

/**
 * Unit tests live in the pure folders (plus the env parser, which reads only its argument): they
 * must not need PostgreSQL, Temporal or Chromium, so this project has no global setup and runs in
 * seconds. A test that needs the services belongs outside these folders.
 */
const unitFolders = ['domain', 'process-templates', 'ui/src', 'workflows/case'];
const unitFiles = ['cli/config.test.ts'];

/**
 * One PostgreSQL cluster and one Temporal dev server per run, shared by the integration and
 * browser projects; each test file gets its own database (cloned from a migrated template) and its
 * own task queues. Jest runs a project's globalSetup only when that project has tests selected.
 */
const services = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup-each-file.ts'],
};

module.exports = {
  testTimeout: 60_000,
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [...unitFolders.map((dir) => `<rootDir>/${dir}/**/*.test.ts`), ...unitFiles.map((file) => `<rootDir>/${file}`)],
    },
    {
      ...common,
      ...services,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/*.test.ts'],
      // Everything the unit and e2e projects run (these are regular expressions, not globs).
      testPathIgnorePatterns: [
        ...common.testPathIgnorePatterns,
        ...unitFolders.map((dir) => `<rootDir>/${dir}/`),
        ...unitFiles.map((file) => `<rootDir>/${file.replace(/\./g, '\\.')}$`),
        '<rootDir>/test/e2e/',
      ],
    },
    { ...common, ...services, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
