/** Serves the built renderer from one directory, refusing anything that resolves outside it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Resolves a URL path to a file inside `root`, or null when it would escape it. */
export const resolveInside = (root: string, urlPath: string): string | null => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, relative);
  const rootWithSep = path.resolve(root) + path.sep;
  return full.startsWith(rootWithSep) ? full : null;
};

/** Reads a static file; null when it does not exist. */
export const readStatic = async (
  root: string,
  urlPath: string,
): Promise<{ body: Buffer; type: string } | null> => {
  const file = resolveInside(root, urlPath);
  if (!file) return null;
  try {
    const body = await readFile(file);
    return { body, type: contentTypes[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
};
