import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.ts';
import { contentSecurityPolicyFor, inlineStyleTexts, pageContentSecurityPolicy, readPageContentSecurityPolicy, sha256Source } from './page-content-security-policy.ts';

const html = (body: string) => new TextEncoder().encode(body);

describe('page content security policy', () => {
  it('names an inline text by the base64 SHA-256 of its UTF-8, as CSP hash sources are written', () => {
    // sha256("") and sha256("a{}") as `printf '…' | openssl dgst -sha256 -binary | base64` gives them.
    expect(sha256Source('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    expect(sha256Source('a{}')).toBe("'sha256-X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk='");
    // Non-ASCII text is hashed as UTF-8, as the browser does.
    expect(sha256Source('p::after{content:"…"}')).not.toBe(sha256Source('p::after{content:"..."}'));
  });

  it("allows a page's own <style> elements by hash, and nothing inline in a page without them", () => {
    const page = '<!doctype html><head><style>a{}</style></head><body><style>b{}</style><p>text</p></body>';
    expect(inlineStyleTexts(page)).toEqual(['a{}', 'b{}']);
    expect(pageContentSecurityPolicy(page)).toBe(CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' ${sha256Source('a{}')} ${sha256Source('b{}')}`));
    expect(pageContentSecurityPolicy('<!doctype html><p>no styles</p>')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('gives a page its own policy and every other file the plain one', () => {
    const page = '<!doctype html><style>a{}</style>';
    expect(contentSecurityPolicyFor({ type: 'text/html; charset=utf-8', body: html(page) })).toBe(pageContentSecurityPolicy(page));
    // A stylesheet or script that happens to hold the text is not a page: no hash from it.
    expect(contentSecurityPolicyFor({ type: 'text/javascript; charset=utf-8', body: html(page) })).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor({ type: 'text/css; charset=utf-8', body: html(page) })).toBe(CONTENT_SECURITY_POLICY);
  });

  it("reads the built page's policy, and falls back to the plain one where there is no built page", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-csp-'));
    try {
      expect(readPageContentSecurityPolicy(dir)).toBe(CONTENT_SECURITY_POLICY);
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><style>a{}</style>');
      expect(readPageContentSecurityPolicy(dir)).toBe(pageContentSecurityPolicy('<!doctype html><style>a{}</style>'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
