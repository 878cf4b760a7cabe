/**
 * The renderer's Content-Security-Policy. Main owns the network (Slack calls and app icons go
 * through the service), so the page may load only its own scripts, styles and images, plus the
 * data: URLs main hands it for cached icons, and may connect nowhere. No inline style either: React sets styles through the CSSOM, which CSP allows.
 */

/** The policy for the packaged app, sent as a response header by the app:// protocol handler. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The policy for electron-vite's dev server: the same, plus what hot reload needs — the React
 * refresh preamble is an inline script, Vite injects CSS as <style> elements, and HMR talks to the
 * dev server over a WebSocket.
 */
export const devContentSecurityPolicy = (devServerUrl: string): string => {
  const dev = new URL(devServerUrl);
  const socket = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'none'", `connect-src 'self' ${socket}`);
};

/** Parses a policy into directive → sources, for tests and for checking a header we set. */
export const parseCsp = (policy: string): Map<string, string[]> =>
  new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words): words is [string, ...string[]] => words[0] !== undefined && words[0] !== '')
      .map(([name, ...sources]) => [name, sources]),
  );
