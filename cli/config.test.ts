import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the demo on port 3000, deriving the other ports from PORT', () => {
    const c = loadConfig({}, '/srv/lexflow');
    expect(c).toMatchObject({
      mode: 'demo',
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      dataDir: '/srv/lexflow/data',
      embeddedPgPort: 5433,
      temporalPort: 7233,
      temporalUiPort: 8233,
      temporalNamespace: 'default',
      taskQueue: 'lexflow',
      firmTimezone: 'Asia/Shanghai',
      cookieSecure: false,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('moves every derived port with PORT, so two checkouts run side by side', () => {
    const c = loadConfig({ PORT: '3001' });
    expect([c.port, c.embeddedPgPort, c.temporalPort, c.temporalUiPort]).toEqual([3001, 5434, 7234, 8234]);
    const explicit = loadConfig({ PORT: '3001', TEMPORAL_PORT: '9000', EMBEDDED_PG_PORT: '6000' });
    expect([explicit.embeddedPgPort, explicit.temporalPort, explicit.temporalUiPort]).toEqual([6000, 9000, 10000]);
  });

  it('requires external services and a public URL in production mode', () => {
    expect(() => loadConfig({ LEXFLOW_MODE: 'production' })).toThrow(
      new ConfigError('DATABASE_URL is required when LEXFLOW_MODE=production'),
    );
    expect(() => loadConfig({ LEXFLOW_MODE: 'production', DATABASE_URL: 'postgres://u:p@db:5432/lexflow' })).toThrow(
      /TEMPORAL_ADDRESS is required/,
    );
    const services = {
      LEXFLOW_MODE: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/lexflow',
      TEMPORAL_ADDRESS: 'temporal:7233',
      PUBLIC_URL: 'https://cases.firm.cn/',
    };
    // Replicas must share the key that seals TOTP secrets: no key made on a container's disk.
    expect(() => loadConfig(services)).toThrow(/SECRETS_KEY is required/);
    const key = Buffer.alloc(32, 7).toString('base64');
    const prod = loadConfig({ ...services, SECRETS_KEY: key });
    expect(prod).toMatchObject({ publicUrl: 'https://cases.firm.cn', cookieSecure: true });
    expect(prod.secretsKey).toEqual(Buffer.alloc(32, 7));
    expect(() => loadConfig({ SECRETS_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/^SECRETS_KEY: must be 32 bytes/);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^PORT:/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/^PORT:/);
    expect(() => loadConfig({ LEXFLOW_MODE: 'prod' })).toThrow(/^LEXFLOW_MODE:/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/^DATABASE_URL:/);
    expect(() => loadConfig({ FIRM_TIMEZONE: 'Mars/Olympus' })).toThrow(/FIRM_TIMEZONE: unknown time zone/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('makes the session cookie Secure by default exactly when PUBLIC_URL is https', () => {
    const base = {
      DATABASE_URL: 'postgres://u:p@db:5432/lexflow',
      TEMPORAL_ADDRESS: 'temporal:7233',
      SECRETS_KEY: Buffer.alloc(32).toString('base64'),
    };
    expect(loadConfig({ PUBLIC_URL: 'https://cases.firm.cn' }).cookieSecure).toBe(true);
    expect(loadConfig({ ...base, LEXFLOW_MODE: 'production', PUBLIC_URL: 'http://10.0.0.5:3000' }).cookieSecure).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://cases.firm.cn', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
  });

  it('trusts X-Forwarded-For from loopback only unless TRUST_PROXY names the proxies', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 172.18.0.0/16,10.0.0.2' }).trustProxy).toEqual(['loopback', '172.18.0.0/16', '10.0.0.2']);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'none' }).trustProxy).toEqual([]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/^TRUST_PROXY:/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/^TRUST_PROXY:/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/^TRUST_PROXY:/);
  });

  it('reads the sign-in and rate limits', () => {
    const c = loadConfig({ LOGIN_CONCURRENCY: '3', RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0', LOGIN_ACCOUNT_MAX_PER_HOUR: '500' });
    expect(c).toMatchObject({ loginConcurrency: 3, rateLimitExpensivePerMinute: 0, loginAccountMaxPerHour: 500 });
    expect(loadConfig({})).toMatchObject({ rateLimitExpensivePerMinute: 60, loginAccountMaxPerHour: 100 });
    expect(loadConfig({}).loginConcurrency).toBeGreaterThanOrEqual(1);
  });

  it('reads the API deadlines for Temporal, leaving the engine its defaults when unset', () => {
    expect(loadConfig({}).temporalBudgets).toEqual({ callMs: undefined, updateMs: undefined });
    const c = loadConfig({ TEMPORAL_CALL_TIMEOUT_MS: '1500', TEMPORAL_UPDATE_TIMEOUT_MS: '30000' });
    expect(c.temporalBudgets).toEqual({ callMs: 1500, updateMs: 30_000 });
    expect(() => loadConfig({ TEMPORAL_CALL_TIMEOUT_MS: '0' })).toThrow(/^TEMPORAL_CALL_TIMEOUT_MS:/);
    expect(() => loadConfig({ TEMPORAL_UPDATE_TIMEOUT_MS: 'soon' })).toThrow(/^TEMPORAL_UPDATE_TIMEOUT_MS:/);
  });

  it('keeps files under DATA_DIR/files with nothing configured, and in the S3 bucket S3_BUCKET names', () => {
    const local = loadConfig({}, '/srv/lexflow');
    expect(local.storage).toEqual({ kind: 'local', root: '/srv/lexflow/data/files' });
    expect(local.uploadMaxBytes).toBe(200 * 1024 * 1024);
    expect(loadConfig({ DATA_DIR: '/var/lib/lexflow' }).storage).toEqual({ kind: 'local', root: '/var/lib/lexflow/files' });
    const s3 = loadConfig({
      S3_BUCKET: 'lexflow-files',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'lexflow',
      S3_SECRET_ACCESS_KEY: 'secret',
      UPLOAD_MAX_BYTES: '1048576',
    });
    expect(s3.storage).toEqual({
      kind: 's3',
      bucket: 'lexflow-files',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'lexflow', secretAccessKey: 'secret' },
    });
    expect(s3.uploadMaxBytes).toBe(1048576);
    // AWS itself: no endpoint, virtual-hosted style, the SDK's own credential chain.
    expect(loadConfig({ S3_BUCKET: 'lexflow-files', S3_REGION: 'cn-north-1' }).storage).toMatchObject({
      region: 'cn-north-1',
      forcePathStyle: false,
      credentials: undefined,
    });
  });

  it('refuses S3 settings that would silently keep files on one disk or cannot sign a request', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'http://minio:9000' })).toThrow(/^S3_ENDPOINT is set but S3_BUCKET is not/);
    expect(() => loadConfig({ S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'lexflow' })).toThrow(
      /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/,
    );
    expect(() => loadConfig({ S3_BUCKET: 'Files_Of_Firm' })).toThrow(/^S3_BUCKET:/);
    expect(() => loadConfig({ S3_BUCKET: 'files', S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/^S3_FORCE_PATH_STYLE:/);
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: '0' })).toThrow(/^UPLOAD_MAX_BYTES:/);
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: String(6 * 1024 ** 3) })).toThrow(/^UPLOAD_MAX_BYTES:/);
  });
});
