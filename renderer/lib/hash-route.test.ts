import { describe, expect, it } from 'vitest';
import { hashForPanel, parseHash } from './hash-route.ts';

describe('parseHash', () => {
  it('reads the main route from an empty hash, "#" and "#/"', () => {
    for (const hash of ['', '#', '#/']) {
      expect(parseHash(hash)).toEqual({ route: { view: 'main', panel: null }, token: null, cleanHash: hash === '#/' ? '#/' : '' });
    }
  });

  it('reads the token form "#token=XYZ" and leaves no hash behind', () => {
    expect(parseHash('#token=abc123')).toEqual({ route: { view: 'main', panel: null }, token: 'abc123', cleanHash: '' });
  });

  it('reads "#/alarm?token=XYZ" and keeps the route', () => {
    expect(parseHash('#/alarm?token=s3cr3t')).toEqual({ route: { view: 'alarm' }, token: 's3cr3t', cleanHash: '#/alarm' });
  });

  it('decodes percent-encoded tokens', () => {
    expect(parseHash('#token=a%2Bb%3D').token).toBe('a+b=');
  });

  it('keeps other parameters but never the token', () => {
    const parsed = parseHash('#/alarm?x=1&token=t&y=2');
    expect(parsed.token).toBe('t');
    expect(parsed.cleanHash).toBe('#/alarm?x=1&y=2');
    expect(parseHash('#token=t&debug=1').cleanHash).toBe('#/?debug=1');
  });

  it('treats an empty token as none', () => {
    expect(parseHash('#token=').token).toBeNull();
  });

  it('recognises panel routes and ignores unknown ones', () => {
    expect(parseHash('#/roster').route).toEqual({ view: 'main', panel: 'roster' });
    expect(parseHash('#/settings/').route).toEqual({ view: 'main', panel: 'settings' });
    expect(parseHash('#/ALARM').route).toEqual({ view: 'alarm' });
    expect(parseHash('#/nope').route).toEqual({ view: 'main', panel: null });
  });

  it('round-trips panel hashes', () => {
    expect(parseHash(hashForPanel('roster')).route).toEqual({ view: 'main', panel: 'roster' });
    expect(hashForPanel('incidents')).toBe('#/');
  });
});
