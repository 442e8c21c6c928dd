import { Inject, Injectable, Logger } from '@nestjs/common';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { AppConfig } from '../config/app-config.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

interface SealingKey {
  id: string;
  key: Buffer;
}

/**
 * AES-256-GCM for the personal data a complaint holds (contact details) and for the stored first
 * answer of a submission. Sealed bytes are `iv ‖ tag ‖ ciphertext`; the associated data binds
 * them to their row, so ciphertext copied onto another complaint does not open. The first key
 * seals, every listed key opens: rotation adds a key in front and keeps the old one listed.
 */
@Injectable()
export class SealingKeys {
  private readonly logger = new Logger(SealingKeys.name);
  private readonly keys: SealingKey[];

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.keys =
      config.COMPLAINT_CONTACT_KEYS.length > 0
        ? config.COMPLAINT_CONTACT_KEYS.map((pair) => {
            const [id, base64] = pair.split(':') as [string, string];
            return { id, key: Buffer.from(base64, 'base64') };
          })
        : [this.developmentKey(config.DATA_DIR)];
  }

  get currentKeyId(): string {
    return this.keys[0].id;
  }

  seal(plaintext: Buffer, associatedData: string): { ciphertext: Buffer; keyId: string } {
    const { id, key } = this.keys[0];
    return { ciphertext: encrypt(key, plaintext, associatedData), keyId: id };
  }

  open(ciphertext: Buffer, keyId: string, associatedData: string): Buffer {
    return decrypt(this.keyById(keyId), ciphertext, associatedData);
  }

  /**
   * Seals with a key derived from both the server key and a secret the client holds (its
   * idempotency key): the database and the server key together still cannot open it.
   */
  sealFor(clientSecret: string, plaintext: Buffer, associatedData: string) {
    const { id, key } = this.keys[0];
    return { ciphertext: encrypt(derive(key, clientSecret), plaintext, associatedData), keyId: id };
  }

  openFor(clientSecret: string, ciphertext: Buffer, keyId: string, associatedData: string) {
    return decrypt(derive(this.keyById(keyId), clientSecret), ciphertext, associatedData);
  }

  private keyById(keyId: string): Buffer {
    const found = this.keys.find((k) => k.id === keyId);
    if (!found) throw new Error(`sealing key ${keyId} is not configured (COMPLAINT_CONTACT_KEYS)`);
    return found.key;
  }

  private developmentKey(dataDir: string): SealingKey {
    const path = join(dataDir, 'contact-key.json');
    if (existsSync(path)) return parseStored(readFileSync(path, 'utf8'));
    const key: SealingKey = { id: `dev-${randomBytes(4).toString('hex')}`, key: randomBytes(32) };
    mkdirSync(dirname(path), { recursive: true });
    // Losing this key loses every contact sealed with it: never overwrite one that exists.
    writeFileSync(path, JSON.stringify({ id: key.id, key: key.key.toString('base64') }), {
      mode: 0o600,
      flag: 'wx',
    });
    chmodSync(path, 0o600);
    this.logger.warn(
      `generated a development contact-sealing key (${key.id}) in ${path}; set COMPLAINT_CONTACT_KEYS in production`,
    );
    return key;
  }
}

function parseStored(json: string): SealingKey {
  const stored = JSON.parse(json) as { id: string; key: string };
  return { id: stored.id, key: Buffer.from(stored.key, 'base64') };
}

function derive(key: Buffer, clientSecret: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', key, Buffer.from(clientSecret), 'fair-recruit/idempotency', 32),
  );
}

function encrypt(key: Buffer, plaintext: Buffer, associatedData: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
