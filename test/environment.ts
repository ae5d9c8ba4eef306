/** What the global setup prepared, passed to the test workers through environment variables. */
export const TEST_ENV = {
  adminUrl: 'LEXFLOW_TEST_PG_ADMIN_URL',
  templateDb: 'LEXFLOW_TEST_TEMPLATE_DB',
  temporalAddress: 'LEXFLOW_TEST_TEMPORAL_ADDRESS',
  temporalCli: 'LEXFLOW_TEST_TEMPORAL_CLI',
  testServer: 'TEMPORAL_TEST_SERVER_PATH',
  workflowBundle: 'LEXFLOW_TEST_WORKFLOW_BUNDLE',
  chromium: 'LEXFLOW_TEST_CHROMIUM',
  runId: 'LEXFLOW_TEST_RUN_ID',
} as const;

export function testEnv(key: keyof typeof TEST_ENV): string {
  const value = process.env[TEST_ENV[key]];
  if (!value) throw new Error(`${TEST_ENV[key]} is not set: run the tests through jest (globalSetup prepares it)`);
  return value;
}
