import { describe, expect, it } from 'vitest';
import { checkExternalLink } from '../../shared/link-allowlist.ts';
import { contactLinks, emailLink, phoneLink, slackLink } from './contact-links.ts';

describe('contactLinks', () => {
  it('builds tel:, mailto: and Slack links for a playbook contact', () => {
    const links = contactLinks({ phone: '+1-555-0101', email: 'alex.chen@company.com', slack: '@alex.chen' });
    expect(links).toEqual([
      { kind: 'phone', label: 'Call +1-555-0101', url: 'tel:+15550101' },
      { kind: 'email', label: 'Email alex.chen@company.com', url: 'mailto:alex.chen@company.com' },
      { kind: 'slack', label: 'Slack @alex.chen', url: 'https://slack.com/app_redirect?channel=%40alex.chen' },
    ]);
  });

  it('produces only links the main-process allowlist accepts', () => {
    for (const link of contactLinks({ phone: '(555) 0102', email: 'sarah@company.com', slack: 'sarah.johnson' })) {
      expect(checkExternalLink(link.url).ok).toBe(true);
    }
  });

  it('skips missing or unusable details', () => {
    expect(contactLinks({ phone: null, email: null, slack: null })).toEqual([]);
    expect(contactLinks({ phone: 'call me', email: 'nope', slack: 'has space' })).toEqual([]);
  });
});

describe('individual link builders', () => {
  it('keeps only digits (and a leading +) in phone numbers', () => {
    expect(phoneLink('555 0103')).toBe('tel:5550103');
    expect(phoneLink('+44 (20) 7946-0958')).toBe('tel:+442079460958');
    expect(phoneLink('12')).toBeNull();
  });

  it('refuses addresses that could carry mailto headers', () => {
    expect(emailLink('a@b.com?bcc=evil@x.com')).toBeNull();
    expect(emailLink('a b@c.com')).toBeNull();
    expect(emailLink('ops@example.org')).toBe('mailto:ops@example.org');
  });

  it('passes through https and slack: URLs and refuses other schemes', () => {
    expect(slackLink('https://acme.slack.com/team/U123')).toBe('https://acme.slack.com/team/U123');
    expect(slackLink('slack://user?team=T1&id=U1')).toBe('slack://user?team=T1&id=U1');
    expect(slackLink('javascript:alert(1)')).toBeNull();
  });
});
