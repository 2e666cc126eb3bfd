import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../../shared/content-security-policy.ts';

// The policy a file of the built renderer is served with (the headless host, Electron's vigil://
// handler and its session's header hook): a page allows its own <style> elements by their hashes
// (the build inlines the main stylesheet: vite.config.ts inlineEntryStylesheet), everything else
// gets the plain policy. The hashes come from the file as built, never from what is put into it
// when it is served (the first frame, whose untrusted text is escaped and holds no element of its
// own making), so nothing an alert says can widen the policy.

/** The CSP hash source of an inline element's text: 'sha256-' and the base64 SHA-256 of its UTF-8. */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The text of each <style> element of `html` (our build writes them without attributes). */
export function inlineStyleTexts(html: string): string[] {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '');
}

/** The policy for a page's HTML: its inline stylesheets allowed by hash, nothing else inline. */
export function pageContentSecurityPolicy(html: string): string {
  return contentSecurityPolicy(inlineStyleTexts(html).map(sha256Source));
}

/** The policy to serve a renderer file with: a page's own (above), or the plain one. */
export function contentSecurityPolicyFor(file: { type: string; body: Uint8Array }): string {
  return file.type.startsWith('text/html') ? pageContentSecurityPolicy(new TextDecoder().decode(file.body)) : CONTENT_SECURITY_POLICY;
}

/**
 * The built index.html's policy, for a hook that sees only the response's headers (Electron's
 * onHeadersReceived). Without a built page (the Vite dev server in development), the plain policy.
 */
export function readPageContentSecurityPolicy(rendererDir: string): string {
  try {
    return pageContentSecurityPolicy(readFileSync(path.join(rendererDir, 'index.html'), 'utf8'));
  } catch {
    return CONTENT_SECURITY_POLICY;
  }
}
