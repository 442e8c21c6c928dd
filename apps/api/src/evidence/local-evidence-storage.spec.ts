import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalEvidenceStorage } from './local-evidence-storage.js';

describe(LocalEvidenceStorage.name, () => {
  let parent: string;
  let root: string;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'evidence-'));
    // Not created yet: the storage makes its own directory on first write.
    root = join(parent, 'evidence');
  });

  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('gives back what was put, and keeps only that file in its directory', async () => {
    const storage = new LocalEvidenceStorage(root);
    const bytes = Buffer.from('%PDF-1.4 receipt for a fee %%EOF');

    await storage.put('7b0e2c4e-3f0a-4c4b-9a7c-0f5d7b1e2a10', bytes, 'application/pdf');

    expect(await storage.get('7b0e2c4e-3f0a-4c4b-9a7c-0f5d7b1e2a10')).toEqual(bytes);
    expect(await readdir(root)).toEqual(['7b0e2c4e-3f0a-4c4b-9a7c-0f5d7b1e2a10']);
  });

  it('lists keys older than an age and removes temporary files that old, keeping young ones', async () => {
    const storage = new LocalEvidenceStorage(root);
    await storage.put('old-key', Buffer.from('a'), 'text/plain');
    await storage.put('young-key', Buffer.from('b'), 'text/plain');
    await writeFile(join(root, '.tmp-left-by-a-crash'), 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(root, 'old-key'), twoHoursAgo, twoHoursAgo);
    await utimes(join(root, '.tmp-left-by-a-crash'), twoHoursAgo, twoHoursAgo);

    expect(await storage.keysOlderThan(3600_000)).toEqual(['old-key']);
    expect((await readdir(root)).sort()).toEqual(['old-key', 'young-key']);
    expect(await new LocalEvidenceStorage(join(parent, 'never-written')).keysOlderThan(0)).toEqual(
      [],
    );
  });

  it('finds a file put by an earlier instance, as after a restart', async () => {
    await new LocalEvidenceStorage(root).put('a1', Buffer.from('kept'), 'text/plain');

    expect((await new LocalEvidenceStorage(root).get('a1')).toString()).toBe('kept');
  });

  it('replaces the bytes when the same key is put again', async () => {
    const storage = new LocalEvidenceStorage(root);
    await storage.put('a1', Buffer.from('first'), 'text/plain');
    await storage.put('a1', Buffer.from('second'), 'text/plain');

    expect((await storage.get('a1')).toString()).toBe('second');
  });

  it('answers evidence_not_found for a key never stored', async () => {
    const storage = new LocalEvidenceStorage(root);

    await expect(storage.get('missing')).rejects.toMatchObject({ code: 'evidence_not_found' });
  });

  it('deletes, and deleting again (or a key never stored) still succeeds', async () => {
    const storage = new LocalEvidenceStorage(root);
    await storage.put('a1', Buffer.from('gone soon'), 'text/plain');

    await storage.delete('a1');
    await storage.delete('a1');
    await new LocalEvidenceStorage(join(parent, 'never-created')).delete('a1');

    await expect(storage.get('a1')).rejects.toMatchObject({ code: 'evidence_not_found' });
  });

  it.each(['..', '.', '../secret', 'a/b', 'a\\b', '', '.hidden', '%2e%2e', 'a\0b'])(
    'refuses the key %j for every operation, so nothing outside the root is touched',
    async (key) => {
      await writeFile(join(parent, 'secret'), 'outside');
      const storage = new LocalEvidenceStorage(root);

      await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(RangeError);
      await expect(storage.get(key)).rejects.toThrow(RangeError);
      await expect(storage.delete(key)).rejects.toThrow(RangeError);
      expect((await readdir(parent)).sort()).toEqual(['secret']);
    },
  );

  it('refuses a key longer than a file name may safely be', async () => {
    const storage = new LocalEvidenceStorage(root);

    await expect(storage.put('k'.repeat(201), Buffer.from('x'), 'text/plain')).rejects.toThrow(
      RangeError,
    );
  });
});
