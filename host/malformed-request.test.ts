import { describe, expect, it } from 'vitest';
import { decodePath, MalformedRequestError, parseTarget } from './malformed-request.ts';

describe('parseTarget', () => {
  it('splits a path from its query', () => {
    const { path, query } = parseTarget('/api/events?token=abc&token=x');
    expect(path).toBe('/api/events');
    expect(query.get('token')).toBe('abc');
    expect(parseTarget('/index.html').path).toBe('/index.html');
  });

  it('reads a malformed escape in the query leniently, as browsers do, instead of throwing', () => {
    expect(parseTarget('/api/events?token=%E0%A4%A').query.get('token')).toBe('\ufffd%A');
  });

  it.each(['//', '//evil.example/api/events', 'http://evil.example/', 'http://[', '*', '', undefined])('refuses %j as malformed', (target) => {
    expect(() => parseTarget(target)).toThrow(MalformedRequestError);
  });
});

describe('decodePath', () => {
  it('decodes percent-escapes', () => {
    expect(decodePath('/a%20b/%C3%BC')).toBe('/a b/ü');
  });

  it.each(['/%', '/%zz', '/%E0%A4%A', '/%ED%A0%80', '/%C0%AF'])('reports %s as the client’s mistake', (path) => {
    expect(() => decodePath(path)).toThrow(new MalformedRequestError('malformed percent-escape in the path'));
  });
});
