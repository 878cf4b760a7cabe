/**
 * One icon's download: no redirect followed (it could leave Slack's hosts), no credentials, a raster
 * type the bytes confirm, and at most MAX_ICON_BYTES read.
 */
import { MAX_ICON_BYTES, mediaType, RASTER_TYPES, sniffRaster, type RasterType } from './icon-rules';

/** Why one fetch gave no icon; `transient` failures are kept in memory only. */
export class IconRefused extends Error {
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
  }
}

/** Reads at most `max` bytes of a body; more is refused without reading the rest. */
const readCapped = async (response: Response, max: number): Promise<Uint8Array> => {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > max) throw new IconRefused(`larger than ${max} bytes`);
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new IconRefused(`larger than ${max} bytes`);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
};

/** Downloads one icon with the host's fetch; throws IconRefused saying why there is none. */
export const downloadIcon = async (
  source: { fetch: typeof fetch; timeoutMs?: number | undefined },
  url: string,
): Promise<{ mime: RasterType; bytes: Uint8Array }> => {
  let response: Response;
  try {
    response = await source.fetch(url, {
      method: 'GET',
      redirect: 'manual', // a redirect could leave Slack's hosts: not followed
      credentials: 'omit',
      headers: { accept: RASTER_TYPES.join(', ') },
      signal: AbortSignal.timeout(source.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new IconRefused(error instanceof Error ? error.name : 'network error', true);
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new IconRefused(`HTTP ${response.status}`, response.status >= 500 || response.status === 429);
  }
  const declared = mediaType(response.headers.get('content-type'));
  if (!RASTER_TYPES.some((t) => t === declared)) {
    await response.body?.cancel().catch(() => undefined);
    throw new IconRefused(`not a raster image (${declared || 'no content type'})`);
  }
  const bytes = await readCapped(response, MAX_ICON_BYTES).catch((error: unknown) => {
    if (error instanceof IconRefused) throw error;
    throw new IconRefused('the connection broke', true);
  });
  const sniffed = sniffRaster(bytes);
  if (sniffed !== declared) throw new IconRefused(`the bytes are not ${declared}`);
  return { mime: sniffed, bytes };
};
