import { describe, expect, it } from 'vitest';
import { isBinaryPlist, parseXmlPlist } from './plist';

const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <!-- written by an MDM profile -->
  <key>SlackClientId</key>
  <string>1234567890.0987654321</string>
  <key>RedirectPorts</key>
  <array>
    <integer>53682</integer>
    <integer>53683</integer>
  </array>
  <key>AllowPlaintextTokenStorage</key>
  <false/>
  <key>OfferDemoOrg</key>
  <true/>
  <key>Ratio</key>
  <real>1.5</real>
  <key>Note</key>
  <string>a &amp; b &lt;c&gt; &#x41;</string>
  <key>Empty</key>
  <string/>
  <key>Nested</key>
  <dict><key>x</key><array/></dict>
</dict>
</plist>`;

describe('parseXmlPlist', () => {
  it('reads dictionaries, arrays, strings, numbers and booleans', () => {
    expect(parseXmlPlist(SAMPLE)).toEqual({
      SlackClientId: '1234567890.0987654321',
      RedirectPorts: [53682, 53683],
      AllowPlaintextTokenStorage: false,
      OfferDemoOrg: true,
      Ratio: 1.5,
      Note: 'a & b <c> A',
      Empty: '',
      Nested: { x: [] },
    });
  });

  it('throws a readable error on malformed input', () => {
    expect(() => parseXmlPlist('<plist><dict><key>a</key></dict></plist>')).toThrow();
    expect(() => parseXmlPlist('<plist><integer>abc</integer></plist>')).toThrow(/integer/);
    expect(() => parseXmlPlist('not xml')).toThrow();
    expect(() => parseXmlPlist('<plist><dict><string>x</string></dict></plist>')).toThrow(/<key>/);
  });

  it('does not let a __proto__ key pollute objects', () => {
    const v = parseXmlPlist(
      '<plist><dict><key>__proto__</key><dict><key>polluted</key><true/></dict></dict></plist>',
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(v as object)).toEqual(['__proto__']);
  });

  it('recognizes binary plists', () => {
    expect(isBinaryPlist(Buffer.from('bplist00\u0000\u0001'))).toBe(true);
    expect(isBinaryPlist(Buffer.from(SAMPLE))).toBe(false);
  });
});
