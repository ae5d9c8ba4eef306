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
    const prod = loadConfig({
      LEXFLOW_MODE: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/lexflow',
      TEMPORAL_ADDRESS: 'temporal:7233',
      PUBLIC_URL: 'https://cases.firm.cn/',
    });
    expect(prod).toMatchObject({ publicUrl: 'https://cases.firm.cn', cookieSecure: true });
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
});
