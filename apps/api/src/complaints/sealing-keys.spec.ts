import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config.js';
import { SealingKeys } from './sealing-keys.js';

const key = () => randomBytes(32).toString('base64');

describe(SealingKeys.name, () => {
  const configured = (keys: string[]) =>
    new SealingKeys(loadConfig({ COMPLAINT_CONTACT_KEYS: keys.join(','), DATA_DIR: tmpdir() }));

  it('seals with AES-256-GCM and opens only with the same row bound to it', () => {
    const keys = configured([`k1:${key()}`]);
    const plain = Buffer.from('{"email":"worker@mail.example"}');
    const { ciphertext, keyId } = keys.seal(plain, 'complaint-a');
    expect(keyId).toBe('k1');
    expect(ciphertext.includes(plain)).toBe(false);
    expect(keys.open(ciphertext, keyId, 'complaint-a')).toEqual(plain);
    expect(() => keys.open(ciphertext, keyId, 'complaint-b')).toThrow();
    const tampered = Buffer.from(ciphertext);
    tampered[tampered.length - 1] ^= 1;
    expect(() => keys.open(tampered, keyId, 'complaint-a')).toThrow();
  });

  it('rotates: a new first key seals, the old one still opens what it sealed', () => {
    const old = `old:${key()}`;
    const sealed = configured([old]).seal(Buffer.from('x'), 'row');
    const rotated = configured([`new:${key()}`, old]);
    expect(rotated.seal(Buffer.from('y'), 'row').keyId).toBe('new');
    expect(rotated.open(sealed.ciphertext, sealed.keyId, 'row').toString()).toBe('x');
    expect(() => configured([`new:${key()}`]).open(sealed.ciphertext, 'old', 'row')).toThrow(
      /not configured/,
    );
  });

  it('needs the client’s secret as well as the server key to open a stored answer', () => {
    const keys = configured([`k1:${key()}`]);
    const sealed = keys.sealFor('client-key-1', Buffer.from('receipt'), 'row');
    expect(keys.openFor('client-key-1', sealed.ciphertext, sealed.keyId, 'row').toString()).toBe(
      'receipt',
    );
    expect(() => keys.openFor('client-key-2', sealed.ciphertext, sealed.keyId, 'row')).toThrow();
  });

  it('generates a development key once and keeps it under DATA_DIR', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sealing-'));
    const first = new SealingKeys(loadConfig({ DATA_DIR: dataDir }));
    const sealed = first.seal(Buffer.from('kept'), 'row');
    const again = new SealingKeys(loadConfig({ DATA_DIR: dataDir }));
    expect(again.open(sealed.ciphertext, sealed.keyId, 'row').toString()).toBe('kept');
    expect(JSON.parse(readFileSync(join(dataDir, 'contact-key.json'), 'utf8'))).toHaveProperty(
      'id',
    );
  });

  it('refuses a malformed key list at boot, naming the variable', () => {
    expect(() => loadConfig({ COMPLAINT_CONTACT_KEYS: 'k1:short' })).toThrow(
      /COMPLAINT_CONTACT_KEYS/,
    );
  });
});
