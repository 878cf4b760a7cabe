import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy, parseCsp } from './csp';

describe('the renderer CSP', () => {
  it('is exactly the documented policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; " +
        "img-src 'self' data:; font-src 'self'; " +
        "connect-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it('allows no inline or eval script, no inline style, no network from the page, no framing', () => {
    const csp = parseCsp(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(csp.get('connect-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*(?!\.)/);
  });

  it('loads no remote image: app icons arrive from main as data: URLs of checked raster bytes', () => {
    expect(parseCsp(CONTENT_SECURITY_POLICY).get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('relaxes only what hot reload needs on the dev server', () => {
    const dev = parseCsp(devContentSecurityPolicy('http://localhost:5173/'));
    const prod = parseCsp(CONTENT_SECURITY_POLICY);
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    for (const name of ['default-src', 'img-src', 'frame-ancestors', 'base-uri', 'form-action']) {
      expect(dev.get(name)).toEqual(prod.get(name));
    }
  });
});
