import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveRendererLocation } from './renderer-location.ts';

const mainDir = path.resolve('/opt/Vigil/resources/app.asar/dist/electron');
const indexUrl = pathToFileURL(path.resolve('/opt/Vigil/resources/app.asar/dist/renderer/index.html')).href;

describe('resolveRendererLocation', () => {
  it('loads dist/renderer/index.html and trusts exactly that document, with any hash route', () => {
    const location = resolveRendererLocation({ mainDir, devServerUrl: undefined, isPackaged: true });
    expect(location.preloadPath).toBe(path.join(mainDir, 'preload.cjs'));
    expect(location.target).toEqual({ kind: 'file', path: path.resolve('/opt/Vigil/resources/app.asar/dist/renderer/index.html') });
    expect(location.isAppUrl(indexUrl)).toBe(true);
    expect(location.isAppUrl(`${indexUrl}#/alarm`)).toBe(true);
    expect(location.isAppUrl(pathToFileURL('/tmp/evil.html').href)).toBe(false);
    expect(location.isAppUrl(pathToFileURL('/opt/Vigil/resources/app.asar/dist/renderer/other.html').href)).toBe(false);
    expect(location.isAppUrl('https://example.com/dist/renderer/index.html')).toBe(false);
    expect(location.isAppUrl('not a url')).toBe(false);
  });

  it('ignores VITE_DEV_SERVER_URL in a packaged app', () => {
    const location = resolveRendererLocation({ mainDir, devServerUrl: 'http://localhost:5173/', isPackaged: true });
    expect(location.target.kind).toBe('file');
    expect(location.isAppUrl('http://localhost:5173/')).toBe(false);
  });

  it('trusts the loopback dev server origin in development', () => {
    const location = resolveRendererLocation({ mainDir, devServerUrl: 'http://localhost:5173/', isPackaged: false });
    expect(location.target).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(location.isAppUrl('http://localhost:5173/#/alarm')).toBe(true);
    expect(location.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(location.isAppUrl(indexUrl)).toBe(false);
  });

  it('refuses a dev server that is not on loopback', () => {
    expect(() => resolveRendererLocation({ mainDir, devServerUrl: 'http://evil.example:5173/', isPackaged: false })).toThrow('loopback');
    expect(() => resolveRendererLocation({ mainDir, devServerUrl: 'file:///tmp/x.html', isPackaged: false })).toThrow('loopback');
  });
});
