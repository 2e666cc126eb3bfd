import { describe, expect, it } from 'vitest';

// A lint-like guard over the renderer's own source: untrusted text must stay text, links must go
// through api.openLink, and nothing may need an inline script or style under the strict CSP.
// Vite's import.meta.glob reads the files (the renderer may not import node:fs, even in tests).
const sources = import.meta.glob(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const html = import.meta.glob('./index.html', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

// Patterns assembled from parts so this file does not trip over its own rules.
const forbidden: Array<{ pattern: RegExp; why: string }> = [
  { pattern: new RegExp('dangerously' + 'SetInnerHTML'), why: 'renders untrusted text as HTML' },
  { pattern: new RegExp('\\.(inner|outer)' + 'HTML\\b'), why: 'renders untrusted text as HTML' },
  { pattern: new RegExp('insertAdjacent' + 'HTML'), why: 'renders untrusted text as HTML' },
  { pattern: new RegExp('document\\.' + 'write'), why: 'renders untrusted text as HTML' },
  { pattern: new RegExp('\\b' + 'eval\\s*\\(|new\\s+' + 'Function\\s*\\('), why: 'needs unsafe-eval' },
  { pattern: new RegExp('window\\.' + 'open\\s*\\('), why: 'links must go through api.openLink' },
  { pattern: new RegExp('<a\\s[^>]*' + 'href'), why: 'links must go through api.openLink, not navigation' },
  { pattern: new RegExp('style=\\{' + '\\{'), why: 'inline styles: use classes in styles.css' },
  { pattern: new RegExp("from\\s+'" + "electron'|from\\s+'node:"), why: 'the renderer runs without Node and Electron' },
];

describe('renderer security rules', () => {
  it('finds the renderer sources to check', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    expect(Object.keys(sources)).toContain('./components/safe-text.tsx');
  });

  for (const rule of forbidden) {
    it(`no source matches ${rule.pattern} (${rule.why})`, () => {
      const offenders = Object.entries(sources)
        .filter(([, text]) => rule.pattern.test(text))
        .map(([file]) => file);
      expect(offenders).toEqual([]);
    });
  }

  it('index.html has a strict CSP and no inline script or style', () => {
    const page = html['./index.html'] ?? '';
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(page).not.toMatch(/<style\b/);
    expect(page).not.toMatch(/\sstyle=/);
    // The only script is the module entry, loaded by src.
    expect([...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script type="module" src="./main.tsx">']);
  });
});
