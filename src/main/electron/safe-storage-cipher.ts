/** The vault's cipher on Electron: safeStorage (Keychain, DPAPI, libsecret/kwallet). */
import type { SafeStorage } from 'electron';
import type { VaultCipher } from '../auth';

/** Adapts Electron's safeStorage to the vault's cipher interface. */
export const safeStorageCipher = (
  safeStorage: Pick<
    SafeStorage,
    'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
  >,
  platform: NodeJS.Platform = process.platform,
): VaultCipher => ({
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  // getSelectedStorageBackend exists on Linux only; macOS and Windows have one backend each.
  backend: () =>
    platform === 'darwin'
      ? 'keychain'
      : platform === 'win32'
        ? 'dpapi'
        : safeStorage.getSelectedStorageBackend(),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (cipher) => safeStorage.decryptString(cipher),
});
