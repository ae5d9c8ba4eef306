/** @type {import('jest').Config} */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  // bpmn-moddle and its dependencies are ESM only: compiled to CommonJS for jest like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(bpmn-moddle|moddle|moddle-xml|saxen|min-dash)/)'],
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/data/', '/.tools/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/data/', '<rootDir>/.tools/'],
  // One PostgreSQL cluster and one Temporal dev server for the whole run; each test file gets its
  // own database (cloned from a migrated template) and its own task queues.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup-each-file.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
