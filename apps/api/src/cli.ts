import 'reflect-metadata';
import type { Role } from '@fair-recruit/domain';
import { parseArgs } from 'node:util';
import { AuditService } from './audit/audit.service.js';
import { auditVerify, AuditVerifyUsageError } from './audit/audit-verify.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase, runMigrations, withDataSource } from './database/database.js';
import { DataDirInUseError } from './database/embedded-postgres.js';
import { JurisdictionsService } from './jurisdictions/jurisdictions.service.js';
import { seedDemoIfEmpty } from './seed/demo-seed.js';
import { bulkLoadSynthetic } from './seed/bulk-load.js';
import { UsersService } from './users/users.service.js';
import { DomainError } from './common/domain-error.js';
import { CreateUserDto } from './users/dto/create-user.dto.js';
import { CreateJurisdictionDto } from './jurisdictions/dto/jurisdiction.dto.js';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from './common/validation.js';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                              run pending database migrations
  create-user --email E --password P --role admin|regulator|observer [--jurisdiction GB ...]
  create-jurisdiction --code GB --name "United Kingdom" --authority-name "..." [--authority-website URL] [--authority-email E]
  seed-demo                            load the fictional demo registry if no recruiter exists
  generate-recruiters --count N [--jurisdiction GB ...]
                                       bulk-load N synthetic recruiters (benchmarks only; bypasses the audit chain)
  audit-verify [--chain GB ...] [--checkpoint saved.json [--keys keys.json]]
                                       recompute every audit chain (exit 1 if one is broken); with a
                                       saved signed checkpoint, check the chain still extends it

The database is DATABASE_URL, or the embedded one under DATA_DIR (default ./.data).`;

/** Validates CLI input with the same DTO rules as the API, so both refuse the same things. */
function validated<T extends object>(cls: new () => T, plain: object): T {
  const dto = plainToInstance(cls, plain);
  const errors = flattenValidationErrors(
    validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }),
  );
  if (errors.length > 0) {
    throw new DomainError(
      'validation_failed',
      400,
      'Invalid input',
      errors.map((e) => `${e.field}: ${e.message}`).join('\n'),
    );
  }
  return dto;
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      jurisdiction: { type: 'string', multiple: true },
      code: { type: 'string' },
      name: { type: 'string' },
      'authority-name': { type: 'string' },
      'authority-website': { type: 'string' },
      'authority-email': { type: 'string' },
      count: { type: 'string' },
      chain: { type: 'string', multiple: true },
      checkpoint: { type: 'string' },
      keys: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (!command || command === 'help' || command === '--help' || values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    // A verifier changes nothing in what it verifies, and may run with read-only credentials.
    if (command !== 'audit-verify') await runMigrations(database.urls);
    await withDataSource(database.urls, async (db) => {
      const audit = new AuditService();
      switch (command) {
        case 'migrate':
          console.log('migrations are up to date');
          return;
        case 'create-user': {
          const input = validated(CreateUserDto, {
            email: values.email,
            password: values.password,
            role: values.role as Role,
            ...(values.jurisdiction
              ? { jurisdictions: values.jurisdiction.map((j) => j.toUpperCase()) }
              : {}),
          });
          const user = await new UsersService(db, audit).create(input, null);
          console.log(
            `created ${user.role} ${user.email} (${user.id})${user.jurisdictions.length ? ` for ${user.jurisdictions.join(', ')}` : ''}`,
          );
          return;
        }
        case 'create-jurisdiction': {
          const input = validated(CreateJurisdictionDto, {
            code: values.code?.toUpperCase(),
            name: values.name,
            authority: {
              name: values['authority-name'],
              ...(values['authority-website'] ? { website: values['authority-website'] } : {}),
              ...(values['authority-email'] ? { email: values['authority-email'] } : {}),
            },
          });
          const created = await new JurisdictionsService(db, audit).create(input, null);
          console.log(`created jurisdiction ${created.code} (${created.authority.name})`);
          return;
        }
        case 'seed-demo': {
          const seeded = await seedDemoIfEmpty(db);
          console.log(
            seeded
              ? `loaded ${seeded.recruiters} demo recruiters`
              : 'the registry already holds recruiters; nothing loaded',
          );
          return;
        }
        case 'generate-recruiters': {
          const count = Number(values.count);
          if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
            throw new DomainError(
              'validation_failed',
              400,
              'Invalid input',
              '--count must be a whole number from 1 to 1000000',
            );
          }
          const jurisdictions = (values.jurisdiction ?? ['GB']).map((j) => j.toUpperCase());
          const known = (await new JurisdictionsService(db, audit).list()).map((j) => j.code);
          const missing = jurisdictions.filter((j) => !known.includes(j));
          if (missing.length) {
            throw new DomainError(
              'validation_failed',
              400,
              'Invalid input',
              `create these jurisdictions first: ${missing.join(', ')}`,
            );
          }
          const started = Date.now();
          await bulkLoadSynthetic(db, {
            count,
            jurisdictions,
            onProgress: (done) => {
              if (done % 50_000 === 0 || done === count)
                process.stdout.write(`  ${done} / ${count}\n`);
            },
          });
          console.log(
            `loaded ${count} synthetic recruiters in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
          return;
        }
        case 'audit-verify': {
          const ok = await auditVerify(
            db,
            config,
            { chains: values.chain, checkpointFile: values.checkpoint, keysFile: values.keys },
            (line) => console.log(line),
          );
          if (!ok) process.exitCode = 1;
          return;
        }
        default:
          throw new DomainError(
            'unknown_command',
            400,
            'Unknown command',
            `unknown command "${command}"\n\n${USAGE}`,
          );
      }
    });
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof AuditVerifyUsageError
  )
    console.error(error.message);
  else if (error instanceof DomainError) console.error(error.detail ?? error.title);
  else console.error(error);
  process.exit(1);
});
