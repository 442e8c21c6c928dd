import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { resolve } from 'node:path';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

const usesS3 = (config: { EVIDENCE_STORAGE?: string }) => config.EVIDENCE_STORAGE === 's3';
const requiredForS3 = '$property is required when EVIDENCE_STORAGE=s3';

/**
 * Every setting the API reads from the environment. Validated once at boot; a bad environment
 * fails with the list of every bad variable, not just the first one.
 */
export class AppConfig {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  HOST: string = '0.0.0.0';

  /** PostgreSQL connection string. Unset: an embedded PGlite database under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string = undefined;

  /** Comma-separated read replica URLs; lookups are served from them when set. */
  @IsOptional()
  @Transform(toList)
  @Matches(/^postgres(ql)?:\/\//, {
    each: true,
    message: 'DATABASE_READ_URLS must be postgres:// URLs separated by commas',
  })
  DATABASE_READ_URLS: string[] = [];

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  @IsOptional()
  @IsString()
  DATA_DIR: string = resolve('.data');

  /** Where complaint evidence files go: `local` (under DATA_DIR/evidence) or an S3-compatible store. */
  @IsOptional()
  @IsIn(['local', 's3'])
  EVIDENCE_STORAGE: 'local' | 's3' = 'local';

  /** The S3-compatible store's URL, e.g. https://s3.eu-west-1.amazonaws.com or http://minio:9000. */
  @ValidateIf(usesS3)
  @IsNotEmpty({ message: requiredForS3 })
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'S3_ENDPOINT must be an http(s) URL' },
  )
  S3_ENDPOINT?: string = undefined;

  @ValidateIf(usesS3)
  @IsNotEmpty({ message: requiredForS3 })
  @IsString()
  S3_REGION?: string = undefined;

  @ValidateIf(usesS3)
  @IsNotEmpty({ message: requiredForS3 })
  @IsString()
  S3_BUCKET?: string = undefined;

  @ValidateIf(usesS3)
  @IsNotEmpty({ message: requiredForS3 })
  @IsString()
  S3_ACCESS_KEY_ID?: string = undefined;

  @ValidateIf(usesS3)
  @IsNotEmpty({ message: requiredForS3 })
  @IsString()
  S3_SECRET_ACCESS_KEY?: string = undefined;

  /** `true` for stores that only serve `endpoint/bucket/key` (MinIO, Ceph); AWS prefers `false`. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE: boolean = false;

  /**
   * The portal's build (apps/portal/dist), served at `/`. Unset: the build beside this checkout;
   * an API-only deployment without one simply serves no pages.
   */
  @IsOptional()
  @IsString()
  PORTAL_DIR?: string = undefined;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Lifetime of a regulator's bearer token. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  SESSION_TTL_SECONDS: number = 8 * 3600;

  /** Login attempts allowed per client per minute. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE: number = 10;

  /** Largest request body accepted, in bytes (JSON bodies; evidence uploads have their own limit). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  /**
   * Base64 of the raw 32-byte Ed25519 private key that signs snapshots and audit checkpoints.
   * Unset: a development key is generated on first start and kept under DATA_DIR.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'SIGNING_PRIVATE_KEY must be base64 of 32 bytes' })
  SIGNING_PRIVATE_KEY?: string = undefined;

  /** How long a snapshot stays valid: a client refuses one older than this. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  SNAPSHOT_VALIDITY_HOURS: number = 72;

  /** Registry changes within this window are folded into one snapshot rebuild. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SNAPSHOT_DEBOUNCE_MS: number = 2000;

  /** Public name and URL of this registry, as shown to users and written into snapshots. */
  @IsOptional()
  @IsString()
  REGISTRY_NAME: string = 'Fair Recruit registry';

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL: string = 'http://localhost:3000';

  /**
   * AES-256-GCM keys that seal complainants' contact details, as `keyId:base64` pairs separated by
   * commas. The first one seals; all of them open, so an old key stays listed until re-sealing is
   * done. Unset: a development key is generated on first start and kept under DATA_DIR.
   */
  @IsOptional()
  @Transform(toList)
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=$/, {
    each: true,
    message: 'COMPLAINT_CONTACT_KEYS must be keyId:base64-of-32-bytes pairs separated by commas',
  })
  COMPLAINT_CONTACT_KEYS: string[] = [];

  /** Anonymous complaint submissions and receipt checks allowed per client per minute. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  COMPLAINT_RATE_LIMIT_PER_MINUTE: number = 20;

  /** The same, for all clients together: a flood from many addresses still meets a ceiling. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  COMPLAINT_GLOBAL_RATE_LIMIT_PER_MINUTE: number = 6000;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== ''),
  );
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  config.DATA_DIR = resolve(config.DATA_DIR);
  return config;
}
