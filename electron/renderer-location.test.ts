import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveRendererLocation } from './renderer-location.ts';

const mainDir = path.resolve('/opt/Vigil/resources/app.asar/dist/electron');
// What the windows loaded before the vigil:// scheme; no longer ours.
const oldFileUrl = pathToFileURL(path.resolve('/opt/Vigil/resources/app.asar/dist/renderer/index.html')).href;

describe('resolveRendererLocation', () => {
  it('serves dist/renderer under vigil://app/ and trusts exactly vigil://app/index.html, with any hash route', () => {
    const location = resolveRendererLocation({ mainDir, devServerUrl: undefined, isPackaged: true });
    expect(location.preloadPath).toBe(path.join(mainDir, 'preload.cjs'));
    expect(location.rendererDir).toBe(path.resolve('/opt/Vigil/resources/app.asar/dist/renderer'));
    expect(location.url).toBe('vigil://app/index.html');
    expect(location.isAppUrl('vigil://app/index.html')).toBe(true);
    expect(location.isAppUrl('vigil://app/index.html#/alarm')).toBe(true);
    expect(location.isAppUrl(oldFileUrl)).toBe(false);
    expect(location.isAppUrl(pathToFileURL('/tmp/evil.html').href)).toBe(false);
    expect(location.isAppUrl('vigil://app/assets/index.js')).toBe(false);
    expect(location.isAppUrl('vigil://evil/index.html')).toBe(false);
    expect(location.isAppUrl('vigil://app.evil/index.html')).toBe(false);
    expect(location.isAppUrl('vigilx://app/index.html')).toBe(false);
    expect(location.isAppUrl('https://app/index.html')).toBe(false);
    expect(location.isAppUrl('not a url')).toBe(false);
  });

  it('ignores VITE_DEV_SERVER_URL in a packaged app', () => {
    const location = resolveRendererLocation({ mainDir, devServerUrl: 'http://localhost:5173/', isPackaged: true });
    expect(location.url).toBe('vigil://app/index.html');
    expect(location.isAppUrl('http://localhost:5173/')).toBe(false);
  });

  it('trusts the loopback dev server origin in development, and only it', () => {
    const location = resolveRendererLocation({ mainDir, devServerUrl: 'http://localhost:5173/', isPackaged: false });
    expect(location.url).toBe('http://localhost:5173/');
    expect(location.isAppUrl('http://localhost:5173/#/alarm')).toBe(true);
    expect(location.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(location.isAppUrl('vigil://app/index.html')).toBe(false);
  });

  it('refuses a dev server that is not on loopback', () => {
    expect(() => resolveRendererLocation({ mainDir, devServerUrl: 'http://evil.example:5173/', isPackaged: false })).toThrow('loopback');
    expect(() => resolveRendererLocation({ mainDir, devServerUrl: 'file:///tmp/x.html', isPackaged: false })).toThrow('loopback');
  });
});
