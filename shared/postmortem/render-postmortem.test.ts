import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { markdownText, normalizeMarkdown } from './markdown-text.ts';
import { PLAYBOOK_POSTMORTEM_TEMPLATE } from './playbook-template.ts';
import { postMortemFacts } from './postmortem-facts.ts';
import { FIXTURE_EVENTS, FIXTURE_INCIDENT, FIXTURE_OCCURRENCE, FIXTURE_START } from './postmortem-fixture.ts';
import { renderPostMortem, timelineLine } from './render-postmortem.ts';

const GOLDEN = join(import.meta.dirname, 'testdata', 'weaviate-down.postmortem.md');
const facts = (events = FIXTURE_EVENTS, policyAckWithinMs: number | null = null) => postMortemFacts(FIXTURE_OCCURRENCE, events, { policyAckWithinMs });
const draft = (over: Partial<Parameters<typeof renderPostMortem>[0]> = {}) => renderPostMortem({ facts: facts(), events: FIXTURE_EVENTS, zone: 'Europe/Berlin', me: 'alex.chen', incident: FIXTURE_INCIDENT, ...over });

/** Every text node of the parsed Markdown: what a reader sees, with no markup left. */
function textsOf(markdown: string): { texts: string[]; kinds: Set<string> } {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const texts: string[] = [];
  const kinds = new Set<string>();
  const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
    kinds.add(node.type);
    if (node.type === 'text' && node.value) texts.push(node.value);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(tree);
  return { texts, kinds };
}

describe('renderPostMortem', () => {
  it('matches the golden file for a fixed timeline (UPDATE_GOLDEN=1 rewrites it)', () => {
    const text = draft();
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(draft()).toBe(draft());
    expect(draft()).toBe(normalizeMarkdown(draft()));
  });

  it('fills the summary from the journal: start, end and duration, in the reader zone and UTC', () => {
    const text = draft();
    expect(text).toContain('# Incident Post-Mortem: 2025-03-04 - WeaviateDown · prod · \\<img src=x onerror=alert(1)\\>');
    expect(text).toContain('- **Duration**: 2025-03-04 14:05:09 +01:00 (13:05:09 UTC) - 2025-03-04 14:29:18 +01:00 (13:29:18 UTC) (24m09s)');
    expect(text).toContain('- **Time to ack**: 1m13s after the page (policy: ack within 2m00s, met)');
    expect(text).toContain('- **Acknowledged**: alex.chen at 2025-03-04 14:06:22 +01:00 (13:06:22 UTC) via window (silence 6d1f0e52-8c1b-4a3e-9d0f-2b7c1a9e4f11)');
    expect(text).toContain('- **Responders**: alex.chen, sarah.johnson');
    expect(text).toContain('Escalation step 2 (+15m00s): role secondary: Sarah Johnson at 2025-03-04 14:20:09 +01:00 (13:20:09 UTC)');
    expect(text).toContain('- [ ] [Action item] - owner: [@owner], due: [YYYY-MM-DD]');
    expect(text).toContain('- **Labels**: alertname="WeaviateDown", cluster="prod", service="\\<img src=x onerror=alert(1)\\>", severity="critical"');
  });

  it('lists the timeline in order with times, leaving out silence extensions', () => {
    const lines = draft().split('\n').filter((l) => l.startsWith('- **2025-'));
    const expected = ['First seen: WeaviateDown', 'Alarm raised', 'Notification shown', 'Acknowledge requested', 'Acknowledged by alex.chen', 'Note by alex.chen: Weaviate pod OOMKilled', 'Checked: Restart Weaviate pods (by alex.chen)', 'Note by sarah.johnson: rolled back to blue', 'Escalation step 2', 'Resolved', 'Ack silence expired'];
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => expect(line).toContain(`** ${expected[i]}`));
    expect(lines[5]).toBe('- **2025-03-04 14:09:09 +01:00 (13:09:09 UTC)** Note by alex.chen: Weaviate pod OOMKilled see \\[this\\](javascript:alert(1)) \\<script\\>alert(2)\\</script\\>');
  });

  it('keeps hostile text as text: parsed back, no HTML, link or image node, and the words survive', () => {
    const { texts, kinds } = textsOf(draft());
    expect(kinds.has('html')).toBe(false);
    expect(kinds.has('image')).toBe(false);
    expect(kinds.has('link')).toBe(false);
    const all = texts.join('');
    expect(all).toContain('<img src=x onerror=alert(1)>');
    expect(all).toContain('[this](javascript:alert(1)) <script>alert(2)</script>');
  });

  it('leaves what the journal does not know as visible placeholders', () => {
    const open = FIXTURE_EVENTS.filter((e) => e.type === 'first-seen');
    const text = renderPostMortem({ facts: facts(open), events: open, zone: 'UTC' });
    expect(text).toContain('[End time: not resolved yet]');
    expect(text).toContain('[Duration: still open]');
    expect(text).toContain('[Who was paged: no alarm rang on this Vigil]');
    expect(text).toContain('[Acknowledged: no ack was journaled]');
    expect(text).toContain('[Responders: nobody acked or wrote a note in Vigil]');
    expect(text).toContain('- **Duration**: 2025-03-04 13:05:09 UTC - [End time');
    expect(text).toContain('[Customer impact description]');
    expect(text).toContain('- **Labels**: [Labels: no longer known to Vigil]');
  });

  it('judges time to ack against the policy when no alarm rang here', () => {
    const events = FIXTURE_EVENTS.filter((e) => e.type !== 'alarm-raised');
    const text = renderPostMortem({ facts: facts(events, 60_000), events, zone: 'UTC' });
    expect(text).toContain('1m13s after first seen (no alarm rang on this Vigil) (policy: ack within 1m00s, missed by 13s)');
  });

  it('fills a team template once: known placeholders replaced, unknown ones left visible, values never re-expanded', () => {
    const note = { ...FIXTURE_EVENTS[6]!, message: 'see {{title}}' };
    const template = '## {{ title }} ({{severity}})\n{{start}} → {{end}}\n{{responders}}\n{{owner_team}}\n{{timeline}}\n';
    const text = renderPostMortem({ facts: facts(), events: [note], zone: 'UTC', template });
    expect(text.split('\n')[0]).toBe('## WeaviateDown · prod · \\<img src=x onerror=alert(1)\\> (critical)');
    expect(text).toContain('{{owner_team}}');
    expect(text).toContain('Note by alex.chen: see {{title}}');
  });

  it('writes times in UTC when the reader zone is unknown', () => {
    const line = timelineLine(FIXTURE_EVENTS[0]!, 'Not/AZone');
    expect(line.startsWith('- **2025-03-04 13:05:09 UTC** First seen: WeaviateDown')).toBe(true);
    expect(FIXTURE_START).toBe(Date.parse('2025-03-04T13:05:09Z'));
  });

  it('ships the playbook template as examples/postmortem-template.md too', () => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'postmortem-template.md'), 'utf8')).toBe(PLAYBOOK_POSTMORTEM_TEMPLATE);
  });
});

describe('markdownText', () => {
  it('reads back as exactly the text it was given, whatever the text (property)', () => {
    const markdownish = fc.string({ unit: fc.constantFrom(...'ab <>[]()!*_`#|~&\\/:.-=\'"{}\n\tx1'.split(''), '&amp;', '<script>', 'javascript:', 'www.x.io', 'https://x.io/a_b', 'a@b.io', '\\@', '\u202E', '\u0000') });
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string()), (raw) => {
        const line = `- **12:00** ${markdownText(raw)}`;
        const { texts, kinds } = textsOf(line);
        expect(kinds.has('html')).toBe(false);
        expect(kinds.has('image')).toBe(false);
        // eslint-disable-next-line no-control-regex -- the controls markdownText replaces
        const expected = raw.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').replace(/\u202E/g, '[U+202E]').replace(/\s+/g, ' ').trim();
        expect(texts.join('').replace(/^12:00 ?/, '')).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('escapes markup, collapses lines and shows bidi controls', () => {
    expect(markdownText('a *b* [c](d) <e> `f` | g ~h~ & ![i](j)')).toBe('a \\*b\\* \\[c\\](d) \\<e\\> \\`f\\` \\| g \\~h\\~ \\& !\\[i\\](j)');
    expect(markdownText('one\n# two\r\n- three')).toBe('one \\# two - three');
    expect(markdownText('x\u202Ey')).toBe('x\\[U+202E\\]y');
    expect(markdownText('abcdef', 4)).toBe('abc…');
  });
});
