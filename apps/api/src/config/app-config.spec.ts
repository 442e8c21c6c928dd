import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('uses the defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATABASE_READ_URLS).toEqual([]);
  });

  it('reads numbers and lists from strings', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_READ_URLS: 'postgres://a/x, postgres://b/x',
    });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_READ_URLS).toEqual(['postgres://a/x', 'postgres://b/x']);
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        DATABASE_POOL_SIZE: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const fields = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(fields.sort()).toEqual(['DATABASE_POOL_SIZE', 'DATABASE_URL', 'LOG_LEVEL', 'PORT']);
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ HOME: '/root', PATH: '/bin' })).not.toThrow();
  });
});
