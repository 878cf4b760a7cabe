/**
 * The token vault: per-org credentials encrypted with the OS (Electron safeStorage via an injected
 * cipher), written atomically with mode 0600 so only ciphertext ever reaches the disk. Without a real
 * OS backend (basic_text/unknown/unavailable) it keeps tokens in memory only, unless policy allows
 * plaintext. An unreadable entry means "signed out" for that org, never a crash.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writePrivateFile } from '../files/private-files';
import { OrgCredentialsSchema, type OrgCredentials } from './credentials';

/** The OS encryption Admit relies on; Electron's safeStorage fits, the browser host uses memory. */
export type VaultCipher = {
  isAvailable(): boolean;
  /** 'keychain' | 'dpapi' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'basic_text' | 'unknown' | … */
  backend(): string;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
};

/** Where tokens live: encrypted on disk, or only in memory for this session. */
export type TokenStorage = 'encrypted' | 'memory';

/** The vault's storage mode and, when it is memory, why. */
export type VaultStatus = { storage: TokenStorage; backend: string; reason?: string };

/** One stored account, without its tokens. */
export type VaultAccount = {
  enterpriseId: string;
  enterpriseName: string;
  userName: string;
  storage: TokenStorage;
};

/** The outcome of reading one org: found, never stored, or present but unusable (treated as signed out). */
export type VaultRead =
  | { status: 'found'; credentials: OrgCredentials }
  | { status: 'missing' }
  | { status: 'unreadable'; reason: string };

/** Per-org credential storage. */
export type Vault = {
  status(): VaultStatus;
  /** Stores (or replaces) one org's credentials; resolves once they are durable. */
  save(credentials: OrgCredentials): Promise<void>;
  /** Reads one org, saying why when it cannot. */
  read(enterpriseId: string): Promise<VaultRead>;
  /** One org's credentials, or null when signed out (missing or unreadable). */
  load(enterpriseId: string): Promise<OrgCredentials | null>;
  /** Every readable account; unreadable ones are left out and reported by problems(). */
  list(): Promise<VaultAccount[]>;
  remove(enterpriseId: string): Promise<void>;
  /** Why entries were treated as signed out since the vault was created. */
  problems(): string[];
  /**
   * Resolves once every write begun so far (a save, a removal) has landed on disk or failed: closing
   * waits for it, so a rotated refresh token being written is never cut off (the old one is spent).
   */
  settled(): Promise<void>;
};

/** How to build a disk vault. */
export type VaultOptions = { file: string; cipher: VaultCipher; allowPlaintext: boolean };

// Backends that do not really protect the data at rest.
const WEAK_BACKENDS = new Set(['basic_text', 'unknown', '']);

const FileSchema = z.object({ version: z.literal(1), accounts: z.record(z.string(), z.string()) });
type VaultFile = z.infer<typeof FileSchema>;

const memoryReason = (cipher: VaultCipher): string | undefined => {
  if (!cipher.isAvailable()) return 'OS encryption is not available, so tokens are kept in memory only.';
  const backend = cipher.backend();
  if (WEAK_BACKENDS.has(backend)) {
    return `No OS keyring was found (backend "${backend}"), so tokens are kept in memory only.`;
  }
  return undefined;
};

const toAccount = (c: OrgCredentials, storage: TokenStorage): VaultAccount => ({
  enterpriseId: c.enterpriseId,
  enterpriseName: c.enterpriseName,
  userName: c.user.name,
  storage,
});

/** A vault that never touches the disk (browser host, or no usable OS encryption). */
export const createMemoryVault = (
  reason = 'This host keeps tokens in memory only.',
  backend = 'memory',
): Vault => {
  const entries = new Map<string, OrgCredentials>();
  return {
    status: () => ({ storage: 'memory', backend, reason }),
    save: async (c) => void entries.set(c.enterpriseId, structuredClone(c)),
    read: async (id) => {
      const c = entries.get(id);
      return c ? { status: 'found', credentials: structuredClone(c) } : { status: 'missing' };
    },
    load: async (id) => {
      const c = entries.get(id);
      return c ? structuredClone(c) : null;
    },
    list: async () => [...entries.values()].map((c) => toAccount(c, 'memory')),
    remove: async (id) => void entries.delete(id),
    problems: () => [],
    settled: async () => undefined,
  };
};

/** The vault file's accounts; none, with a problem noted, when it cannot be read or is damaged. */
const readVaultFile = async (file: string, note: (problem: string) => void): Promise<VaultFile> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, accounts: {} };
    note(`The token vault could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
    return { version: 1, accounts: {} };
  }
  try {
    const parsed = FileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: not JSON
  }
  note('The token vault file is damaged; every org in it is signed out.');
  return { version: 1, accounts: {} };
};

/** One account's credentials, or why they cannot be read (noted as a problem too). */
const decryptEntry = (
  cipher: VaultCipher,
  id: string,
  blob: string,
  note: (problem: string) => void,
): VaultRead => {
  try {
    const plain = cipher.decrypt(Buffer.from(blob, 'base64'));
    const parsed = OrgCredentialsSchema.safeParse(JSON.parse(plain));
    if (parsed.success && parsed.data.enterpriseId === id)
      return { status: 'found', credentials: parsed.data };
    const reasonText = `The stored sign-in for ${id} is not in a shape Admit understands; sign in again.`;
    note(reasonText);
    return { status: 'unreadable', reason: reasonText };
  } catch {
    const reasonText = `The stored sign-in for ${id} could not be decrypted (OS keyring changed?); sign in again.`;
    note(reasonText);
    return { status: 'unreadable', reason: reasonText };
  }
};

/** Creates the vault for a file, falling back to memory when the OS cannot protect tokens. */
export const createVault = (options: VaultOptions): Vault => {
  const { file, cipher, allowPlaintext } = options;
  const reason = memoryReason(cipher);
  if (reason && !(allowPlaintext && cipher.isAvailable())) return createMemoryVault(reason, cipher.backend());

  const problems: string[] = [];
  const note = (problem: string): void => {
    if (!problems.includes(problem)) problems.push(problem);
  };
  let writes: Promise<unknown> = Promise.resolve();

  // Writes are serialized so two saves cannot interleave their read-modify-write.
  const update = (change: (accounts: Record<string, string>) => void): Promise<void> => {
    const next = writes.then(async () => {
      const current = await readVaultFile(file, note);
      change(current.accounts);
      await writePrivateFile(file, JSON.stringify({ version: 1, accounts: current.accounts }));
    });
    writes = next.catch(() => undefined);
    return next;
  };

  const read = async (id: string): Promise<VaultRead> => {
    await writes;
    const blob = (await readVaultFile(file, note)).accounts[id];
    return blob === undefined ? { status: 'missing' } : decryptEntry(cipher, id, blob, note);
  };

  return {
    status: () => ({
      storage: 'encrypted',
      backend: cipher.backend(),
      ...(reason
        ? { reason: `Tokens are stored with weak "${cipher.backend()}" protection, as policy allows.` }
        : {}),
    }),
    save: async (c) => {
      const blob = cipher.encrypt(JSON.stringify(OrgCredentialsSchema.parse(c))).toString('base64');
      await update((accounts) => {
        accounts[c.enterpriseId] = blob;
      });
    },
    read,
    load: async (id) => {
      const r = await read(id);
      return r.status === 'found' ? r.credentials : null;
    },
    list: async () => {
      await writes;
      const { accounts } = await readVaultFile(file, note);
      const out: VaultAccount[] = [];
      for (const [id, blob] of Object.entries(accounts)) {
        const r = decryptEntry(cipher, id, blob, note);
        if (r.status === 'found') out.push(toAccount(r.credentials, 'encrypted'));
      }
      return out;
    },
    remove: (id) =>
      update((accounts) => {
        delete accounts[id];
      }),
    problems: () => [...problems],
    settled: async () => {
      await writes;
    },
  };
};
