import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveRendererLocation } from './renderer-location.ts';
import { checkSender } from './trusted-sender.ts';
import type { SenderFrameLike } from './trusted-sender.ts';

// The IPC trust check as main.ts wires it: isAppUrl comes from the real renderer location, so this
// is the check a packaged app (vigil://app) and a development run (the Vite dev server) make.

const mainDir = path.resolve('/opt/Vigil/resources/app.asar/dist/electron');
const ours = { id: 'our window' };
const isOwnWebContents = (contents: unknown) => contents === ours;
const top = (url: string): SenderFrameLike => ({ url, parent: null });

describe('checkSender in the packaged app', () => {
  const { isAppUrl } = resolveRendererLocation({ mainDir, devServerUrl: 'http://localhost:5173/', isPackaged: true });
  const verdict = (url: string, parent: SenderFrameLike | null = null) => checkSender({ sender: ours, senderFrame: { url, parent } }, { isAppUrl, isOwnWebContents });

  it('trusts the top frame of our window on vigil://app/index.html, main view and alarm route', () => {
    expect(verdict('vigil://app/index.html')).toEqual({ trusted: true });
    expect(verdict('vigil://app/index.html#/alarm')).toEqual({ trusted: true });
  });

  it.each([
    ['the old file:// renderer', pathToFileURL(path.resolve('/opt/Vigil/resources/app.asar/dist/renderer/index.html')).href],
    ['any local file', 'file:///tmp/evil.html'],
    ['another host of our scheme', 'vigil://evil/index.html'],
    ['a script of our origin', 'vigil://app/assets/index.js'],
    ['the dev server, which a packaged app ignores', 'http://localhost:5173/'],
    ['a web page', 'https://evil.example/'],
  ])('refuses %s', (_label, url) => {
    expect(verdict(url)).toEqual({ trusted: false, reason: 'sender frame is not the Vigil renderer' });
  });

  it('refuses a subframe of our document and a foreign webContents', () => {
    expect(verdict('vigil://app/index.html', top('vigil://app/index.html'))).toEqual({ trusted: false, reason: 'sender is a subframe' });
    expect(checkSender({ sender: { id: 'other' }, senderFrame: top('vigil://app/index.html') }, { isAppUrl, isOwnWebContents })).toEqual({ trusted: false, reason: 'sender is not a Vigil window' });
  });
});

describe('checkSender in development', () => {
  const { isAppUrl } = resolveRendererLocation({ mainDir, devServerUrl: 'http://localhost:5173/', isPackaged: false });
  const verdict = (url: string) => checkSender({ sender: ours, senderFrame: top(url) }, { isAppUrl, isOwnWebContents });

  it('trusts the Vite dev server origin and nothing else', () => {
    expect(verdict('http://localhost:5173/#/alarm')).toEqual({ trusted: true });
    expect(verdict('http://localhost:5174/').trusted).toBe(false);
    expect(verdict('vigil://app/index.html').trusted).toBe(false);
  });
});
