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

  it('keeps evidence on local disk unless told otherwise', () => {
    const config = loadConfig({});
    expect(config.EVIDENCE_STORAGE).toBe('local');
    expect(config.S3_BUCKET).toBeUndefined();
  });

  it('lists every missing S3 variable at once when evidence goes to S3', () => {
    let error: unknown;
    try {
      loadConfig({ EVIDENCE_STORAGE: 's3', S3_REGION: 'eu-west-1', S3_FORCE_PATH_STYLE: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const fields = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(fields.sort()).toEqual([
      'S3_ACCESS_KEY_ID',
      'S3_BUCKET',
      'S3_ENDPOINT',
      'S3_FORCE_PATH_STYLE',
      'S3_SECRET_ACCESS_KEY',
    ]);
  });

  it('reads a complete S3 evidence configuration', () => {
    const config = loadConfig({
      EVIDENCE_STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_REGION: 'us-east-1',
      S3_BUCKET: 'evidence',
      S3_ACCESS_KEY_ID: 'fair-recruit',
      S3_SECRET_ACCESS_KEY: 'not-a-real-secret',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(config.EVIDENCE_STORAGE).toBe('s3');
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ HOME: '/root', PATH: '/bin' })).not.toThrow();
  });
});
