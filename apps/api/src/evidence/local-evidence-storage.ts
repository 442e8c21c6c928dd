import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { notFound } from '../common/domain-error.js';
import { assertEvidenceKey, type EvidenceStorage } from './evidence-storage.js';

/** Evidence files in one local directory, one file per key (the default; under DATA_DIR). */
export class LocalEvidenceStorage implements EvidenceStorage {
  constructor(private readonly root: string) {}

  async put(key: string, bytes: Buffer, _contentType: string): Promise<void> {
    assertEvidenceKey(key);
    await mkdir(this.root, { recursive: true });
    // Keys never start with a dot, so a temp file can never be mistaken for (or replace) a stored one.
    const temp = join(this.root, `.tmp-${randomUUID()}`);
    try {
      const file = await open(temp, 'wx', 0o600);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, join(this.root, key));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await this.syncRoot();
  }

  async get(key: string): Promise<Buffer> {
    assertEvidenceKey(key);
    try {
      return await readFile(join(this.root, key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('evidence');
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertEvidenceKey(key);
    await rm(join(this.root, key), { force: true });
    await this.syncRoot().catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async keysOlderThan(ageMs: number): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const before = Date.now() - ageMs;
    const keys: string[] = [];
    for (const name of names) {
      const info = await stat(join(this.root, name)).catch(() => null);
      if (!info?.isFile() || info.mtimeMs >= before) continue;
      if (name.startsWith('.tmp-')) await rm(join(this.root, name), { force: true });
      else if (!name.startsWith('.')) keys.push(name);
    }
    return keys;
  }

  /** A rename or unlink is durable only once the directory entry itself is on disk. */
  private async syncRoot(): Promise<void> {
    const dir = await open(this.root, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
