import { describe, expect, it } from 'vitest';
import { matchesAll, parseMatcher, parseMatchers } from './label-matchers.ts';

describe('label matchers (Alertmanager syntax, applied locally)', () => {
  it('parse the four operators, quoted or not, with or without braces', () => {
    expect(parseMatcher('team="platform"')).toMatchObject({ name: 'team', op: '=', value: 'platform', regex: null });
    expect(parseMatcher('env!=dev')).toMatchObject({ name: 'env', op: '!=', value: 'dev' });
    expect(parseMatcher(' severity =~ "critical|warning" ')).toMatchObject({ name: 'severity', op: '=~', value: 'critical|warning' });
    expect(parseMatcher('{job!~"test-.*"}')).toMatchObject({ name: 'job', op: '!~', value: 'test-.*' });
    expect(parseMatcher('summary="say \\"hi\\" \\\\ there"').value).toBe('say "hi" \\ there');
  });

  it('refuse what is not a matcher, saying why', () => {
    expect(() => parseMatcher('team')).toThrow(/not a matcher/);
    expect(() => parseMatcher('9team="x"')).toThrow(/not a matcher/);
    expect(() => parseMatcher('team="open')).toThrow(/unterminated/);
    expect(() => parseMatcher('a=~"("')).toThrow(/invalid regular expression/);
    expect(parseMatchers(['team="a"', 'oops'])).toEqual({ ok: false, error: expect.stringMatching(/oops/) });
  });

  it('match like Prometheus: regexes anchored, an absent label is the empty string', () => {
    const labels = { team: 'platform', severity: 'critical' };
    const m = (...texts: string[]) => matchesAll(labels, texts.map(parseMatcher));
    expect(m('team="platform"', 'severity=~"crit.*"')).toBe(true);
    expect(m('severity=~"crit"')).toBe(false);
    expect(m('env!="prod"')).toBe(true);
    expect(m('env=""')).toBe(true);
    expect(m('team!~"plat.*"')).toBe(false);
    expect(m()).toBe(true);
  });

  it('never read a prototype property for a hostile label name', () => {
    const labels = JSON.parse('{"__proto__":"x","team":"a"}') as Record<string, string>;
    expect(matchesAll(labels, [parseMatcher('__proto__="x"')])).toBe(true);
    expect(matchesAll({}, [parseMatcher('constructor=""'), parseMatcher('toString=""'), parseMatcher('__proto__=""')])).toBe(true);
    expect(matchesAll({}, [parseMatcher('constructor=~".+"')])).toBe(false);
  });
});
