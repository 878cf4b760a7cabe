/** Parsing `reg query <key> /s` output into policy key/value pairs. */

/** The registry key Admit's Windows policy lives under. */
export const POLICY_REGISTRY_KEY = 'HKLM\\SOFTWARE\\Policies\\Admit';

const LONG_ROOT = 'HKEY_LOCAL_MACHINE\\';

// `    Name    REG_TYPE    data` (data may be absent for an empty string).
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_0-9]+)(?: {4}(.*?))?\s*$/;

const toValue = (type: string, data: string): string | number | string[] => {
  switch (type) {
    case 'REG_DWORD':
    case 'REG_QWORD':
      return Number(data); // reg prints 0x-prefixed hex, which Number() reads
    case 'REG_MULTI_SZ':
      return data === '' ? [] : data.split('\\0').filter((s) => s !== '');
    default:
      return data;
  }
};

/**
 * Reads the values under the policy key, plus list subkeys (`…\Admit\RedirectPorts` with values 1, 2, 3…,
 * the layout Chrome's ADMX templates use), into one record.
 */
export const parseRegQuery = (output: string, key = POLICY_REGISTRY_KEY): Record<string, unknown> => {
  const base = key.replace(/^HKLM\\/i, LONG_ROOT).toLowerCase();
  const direct: Record<string, unknown> = {};
  const lists = new Map<string, { order: string; value: unknown }[]>();
  let section: string | null = null;
  for (const line of output.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      section = line.trim();
      continue;
    }
    const m = VALUE_LINE.exec(line);
    if (!m || section === null) continue;
    const [, name = '', type = '', data = ''] = m;
    if (name === '(Default)') continue;
    const lower = section.toLowerCase();
    if (lower === base) {
      Object.defineProperty(direct, name, { value: toValue(type, data), enumerable: true, writable: true });
    } else if (lower.startsWith(`${base}\\`)) {
      const listName = section.slice(base.length + 1);
      if (listName.includes('\\')) continue;
      const items = lists.get(listName) ?? [];
      items.push({ order: name, value: toValue(type, data) });
      lists.set(listName, items);
    }
  }
  for (const [name, items] of lists) {
    if (Object.hasOwn(direct, name)) continue;
    items.sort((a, b) => Number(a.order) - Number(b.order) || a.order.localeCompare(b.order));
    Object.defineProperty(direct, name, {
      value: items.map((i) => i.value),
      enumerable: true,
      writable: true,
    });
  }
  return direct;
};
