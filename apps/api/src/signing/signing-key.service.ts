import {
  fromBase64,
  generateKeyPair,
  keyIdFor,
  publicKeyFor,
  publishedKeyFor,
  toBase64,
  type PublishedKey,
  type SigningKey,
} from '@fair-recruit/snapshot';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import * as ed25519 from '@noble/ed25519';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppConfig } from '../config/app-config.js';

/**
 * The registry's Ed25519 key, which signs snapshots and audit checkpoints. In production it comes
 * from SIGNING_PRIVATE_KEY; in development one is generated on first start and kept under
 * DATA_DIR, so that the public key the extension pins survives restarts.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit {
  private readonly logger = new Logger(SigningKeyService.name);
  private key?: SigningKey & { publicKey: Uint8Array };

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const privateKey = this.config.SIGNING_PRIVATE_KEY
      ? fromBase64(this.config.SIGNING_PRIVATE_KEY)
      : await this.developmentKey();
    const publicKey = await publicKeyFor(privateKey);
    this.key = { keyId: keyIdFor(publicKey), privateKey, publicKey };
  }

  get signingKey(): SigningKey {
    if (!this.key) throw new Error('signing key not loaded yet');
    return { keyId: this.key.keyId, privateKey: this.key.privateKey };
  }

  /** What `GET /snapshot/keys` publishes and clients pin. */
  get publishedKeys(): PublishedKey[] {
    if (!this.key) throw new Error('signing key not loaded yet');
    return [publishedKeyFor(this.key.publicKey)];
  }

  /** Signs arbitrary bytes (audit checkpoints); base64 of the 64-byte signature. */
  async sign(message: Uint8Array): Promise<string> {
    return toBase64(await ed25519.signAsync(message, this.signingKey.privateKey));
  }

  private async developmentKey(): Promise<Uint8Array> {
    const path = join(this.config.DATA_DIR, 'signing-key.json');
    if (existsSync(path)) {
      const stored = JSON.parse(readFileSync(path, 'utf8')) as { privateKey: string };
      return fromBase64(stored.privateKey);
    }
    const { privateKey, publicKey } = await generateKeyPair();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ privateKey: toBase64(privateKey) }), { mode: 0o600 });
    chmodSync(path, 0o600);
    this.logger.warn(
      `generated a development signing key (key id ${keyIdFor(publicKey)}) in ${path}; set SIGNING_PRIVATE_KEY in production`,
    );
    return privateKey;
  }
}
