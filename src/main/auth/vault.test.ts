import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrgCredentials } from './credentials';
import { TOKEN_PATTERN } from './redact';
import { createMemoryVault, createVault, type VaultCipher } from './vault';

/** An AES-GCM stand-in for safeStorage: real ciphertext, and tampering makes decrypt throw. */
const aesCipher = (backend = 'gnome_libsecret', available = true): VaultCipher => {
  const key = randomBytes(32);
  return {
    isAvailable: () => available,
    backend: () => backend,
    encrypt: (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt: (blob) => {
      const d = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
      d.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([d.update(blob.subarray(28)), d.final()]).toString('utf8');
    },
  };
};

const creds = (id = 'E0ORG1', token = 'xoxe.xoxp-1-SECRETACCESS'): OrgCredentials => ({
  enterpriseId: id,
  enterpriseName: `Org ${id}`,
  accessToken: token,
  refreshToken: 'xoxe-1-SECRETREFRESH',
  expiresAt: 1_800_000_000_000,
  user: { id: 'W0ADA', name: 'ada' },
  scopes: ['admin.apps:read'],
});

let dir = '';
let file = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'admit-vault-'));
  file = path.join(dir, 'sub', 'tokens.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vault', () => {
  it('round-trips credentials per org', async () => {
    const vault = createVault({ file, cipher: aesCipher(), allowPlaintext: false });
    expect(vault.status()).toMatchObject({ storage: 'encrypted', backend: 'gnome_libsecret' });
    await vault.save(creds('E0ORG1'));
    await vault.save(creds('E0ORG2', 'xoxp-2-OTHER'));
    expect(await vault.load('E0ORG1')).toEqual(creds('E0ORG1'));
    expect((await vault.load('E0ORG2'))?.accessToken).toBe('xoxp-2-OTHER');
    expect(await vault.load('E0NONE')).toBeNull();
    expect(await vault.read('E0NONE')).toEqual({ status: 'missing' });
  });

  it('writes only ciphertext, with mode 0600', async () => {
    const vault = createVault({ file, cipher: aesCipher(), allowPlaintext: false });
    await vault.save(creds());
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain('SECRETACCESS');
    expect(raw).not.toContain('SECRETREFRESH');
    expect(TOKEN_PATTERN.test(raw)).toBe(false);
    expect(TOKEN_PATTERN.test(Buffer.from(raw, 'utf8').toString('latin1'))).toBe(false);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('lists accounts and removes one', async () => {
    const vault = createVault({ file, cipher: aesCipher(), allowPlaintext: false });
    await Promise.all([vault.save(creds('E0ORG1')), vault.save(creds('E0ORG2'))]);
    expect((await vault.list()).map((a) => a.enterpriseId).sort()).toEqual(['E0ORG1', 'E0ORG2']);
    await vault.remove('E0ORG1');
    expect(await vault.list()).toEqual([
      { enterpriseId: 'E0ORG2', enterpriseName: 'Org E0ORG2', userName: 'ada', storage: 'encrypted' },
    ]);
    expect(await vault.load('E0ORG1')).toBeNull();
  });

  it('keeps tokens in memory only with basic_text, unless plaintext is allowed', async () => {
    const memory = createVault({ file, cipher: aesCipher('basic_text'), allowPlaintext: false });
    expect(memory.status()).toMatchObject({ storage: 'memory', backend: 'basic_text' });
    expect(memory.status().reason).toMatch(/keyring/);
    await memory.save(creds());
    expect(await memory.load('E0ORG1')).toEqual(creds());
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await memory.list())[0]?.storage).toBe('memory');

    const allowed = createVault({ file, cipher: aesCipher('basic_text'), allowPlaintext: true });
    expect(allowed.status().storage).toBe('encrypted');
    await allowed.save(creds());
    expect((await stat(file)).isFile()).toBe(true);
  });

  it('uses memory when OS encryption is unavailable, or the backend is unknown', async () => {
    expect(
      createVault({ file, cipher: aesCipher('dpapi', false), allowPlaintext: true }).status().storage,
    ).toBe('memory');
    expect(createVault({ file, cipher: aesCipher('unknown'), allowPlaintext: false }).status().storage).toBe(
      'memory',
    );
  });

  it('treats a garbage file as signed out, without crashing, and recovers on the next save', async () => {
    const vault = createVault({ file, cipher: aesCipher(), allowPlaintext: false });
    await vault.save(creds());
    await writeFile(file, '\u0000garbage{{{');
    expect(await vault.load('E0ORG1')).toBeNull();
    expect(await vault.list()).toEqual([]);
    expect(vault.problems().join(' ')).toMatch(/damaged/);
    await vault.save(creds('E0ORG2'));
    expect((await vault.load('E0ORG2'))?.enterpriseId).toBe('E0ORG2');
  });

  it('treats a tampered entry or a changed OS key as signed out for that org only', async () => {
    const vault = createVault({ file, cipher: aesCipher(), allowPlaintext: false });
    await vault.save(creds('E0ORG1'));
    await vault.save(creds('E0ORG2'));
    const data = JSON.parse(await readFile(file, 'utf8')) as { version: 1; accounts: Record<string, string> };
    const blob = Buffer.from(data.accounts['E0ORG1'] ?? '', 'base64');
    blob[blob.length - 1] = (blob[blob.length - 1] ?? 0) ^ 0xff;
    data.accounts['E0ORG1'] = blob.toString('base64');
    await writeFile(file, JSON.stringify(data));
    expect(await vault.read('E0ORG1')).toMatchObject({ status: 'unreadable' });
    expect(await vault.load('E0ORG2')).not.toBeNull();

    const otherKey = createVault({ file, cipher: aesCipher(), allowPlaintext: false });
    expect(await otherKey.load('E0ORG2')).toBeNull();
    expect(otherKey.problems().join(' ')).toMatch(/could not be decrypted/);
  });

  it('rejects an entry filed under another org', async () => {
    const vault = createVault({ file, cipher: aesCipher(), allowPlaintext: false });
    await vault.save(creds('E0ORG1'));
    const data = JSON.parse(await readFile(file, 'utf8')) as { version: 1; accounts: Record<string, string> };
    data.accounts['E0ORG9'] = data.accounts['E0ORG1'] ?? '';
    await writeFile(file, JSON.stringify(data));
    expect(await vault.load('E0ORG9')).toBeNull();
  });

  it('settles once the writes under way have landed on disk, though nobody awaited them', async () => {
    const cipher = aesCipher();
    const vault = createVault({ file, cipher, allowPlaintext: false });
    await vault.save(creds('E0ORG1', 'xoxp-1-OLD'));
    void vault.save(creds('E0ORG1', 'xoxp-1-NEW'));
    await vault.settled();
    // Another reader of the file, which knows nothing of this vault's writes, finds the new token.
    const reader = createVault({ file, cipher, allowPlaintext: false });
    expect((await reader.load('E0ORG1'))?.accessToken).toBe('xoxp-1-NEW');
  });

  it('offers a memory-only vault for the browser host', async () => {
    const vault = createMemoryVault();
    expect(vault.status().storage).toBe('memory');
    await vault.save(creds());
    expect(await vault.load('E0ORG1')).toEqual(creds());
    await vault.remove('E0ORG1');
    expect(await vault.list()).toEqual([]);
  });
});
