import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { safeStorageCipher } = await import('./safe-storage-cipher');

const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'basic_text' as const),
  encryptString: vi.fn((plain: string) => Buffer.from(`enc:${plain}`)),
  decryptString: vi.fn((cipher: Buffer) => cipher.toString().replace(/^enc:/, '')),
};

describe('safeStorageCipher', () => {
  it('round-trips through safeStorage', () => {
    const cipher = safeStorageCipher(safeStorage, 'linux');
    expect(cipher.isAvailable()).toBe(true);
    expect(cipher.decrypt(cipher.encrypt('xoxp-1'))).toBe('xoxp-1');
  });

  it('names the backend per OS, asking Electron only on Linux', () => {
    expect(safeStorageCipher(safeStorage, 'darwin').backend()).toBe('keychain');
    expect(safeStorageCipher(safeStorage, 'win32').backend()).toBe('dpapi');
    expect(safeStorageCipher(safeStorage, 'linux').backend()).toBe('basic_text');
  });
});
