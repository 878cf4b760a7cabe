/** A small parser for XML property lists (the format of managed preferences written by MDM profiles). */

/** A plist value as JavaScript sees it (data becomes base64 text, dates ISO text). */
export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

type Token = { kind: 'open' | 'close' | 'empty'; name: string } | { kind: 'text'; text: string };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const decode = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });

const tokenize = (xml: string): Token[] => {
  const body = xml
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '');
  const tokens: Token[] = [];
  const tag = /<(\/?)([A-Za-z]+)[^>]*?(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    if (m.index > last) tokens.push({ kind: 'text', text: body.slice(last, m.index) });
    const name = m[2] ?? '';
    tokens.push({ kind: m[1] ? 'close' : m[3] ? 'empty' : 'open', name });
    last = tag.lastIndex;
  }
  if (last < body.length) tokens.push({ kind: 'text', text: body.slice(last) });
  return tokens;
};

/** Parses an XML plist; throws an Error describing the first problem. */
export const parseXmlPlist = (xml: string): PlistValue => {
  const tokens = tokenize(xml);
  let i = 0;
  const skipSpace = (): void => {
    while (tokens[i]?.kind === 'text' && (tokens[i] as { text: string }).text.trim() === '') i++;
  };
  const next = (): Token => {
    skipSpace();
    const t = tokens[i++];
    if (!t) throw new Error('unexpected end of plist');
    return t;
  };
  const textUntil = (name: string): string => {
    let text = '';
    while (tokens[i]?.kind === 'text') text += (tokens[i++] as { text: string }).text;
    const close = tokens[i++];
    if (close?.kind !== 'close' || close.name !== name) throw new Error(`<${name}> is not closed`);
    return decode(text);
  };
  const value = (t: Token): PlistValue => {
    if (t.kind === 'text') throw new Error(`unexpected text "${t.text.trim().slice(0, 20)}"`);
    if (t.kind === 'close') throw new Error(`unexpected </${t.name}>`);
    const empty = t.kind === 'empty';
    switch (t.name) {
      case 'true':
      case 'false':
        if (!empty) textUntil(t.name);
        return t.name === 'true';
      case 'string':
      case 'date':
        return empty ? '' : textUntil(t.name);
      case 'data':
        return empty ? '' : textUntil(t.name).replace(/\s+/g, '');
      case 'integer':
      case 'real': {
        const text = empty ? '' : textUntil(t.name).trim();
        const n = Number(text);
        if (text === '' || !Number.isFinite(n)) throw new Error(`<${t.name}> holds "${text}"`);
        return n;
      }
      case 'array': {
        const items: PlistValue[] = [];
        if (empty) return items;
        for (let n = next(); !(n.kind === 'close' && n.name === 'array'); n = next()) items.push(value(n));
        return items;
      }
      case 'dict': {
        const dict: Record<string, PlistValue> = {};
        if (empty) return dict;
        for (let n = next(); !(n.kind === 'close' && n.name === 'dict'); n = next()) {
          if (n.kind !== 'open' || n.name !== 'key') throw new Error('a <dict> entry must start with <key>');
          const key = textUntil('key');
          Object.defineProperty(dict, key, { value: value(next()), enumerable: true, writable: true });
        }
        return dict;
      }
      default:
        throw new Error(`unknown plist element <${t.name}>`);
    }
  };
  const root = next();
  if (root.kind !== 'open' || root.name !== 'plist') throw new Error('not an XML plist');
  const result = value(next());
  const end = next();
  if (end.kind !== 'close' || end.name !== 'plist') throw new Error('extra content after the plist value');
  return result;
};

/** Is this file content a binary plist (which only `plutil` on macOS converts)? */
export const isBinaryPlist = (content: Buffer): boolean =>
  content.subarray(0, 6).toString('latin1') === 'bplist';
