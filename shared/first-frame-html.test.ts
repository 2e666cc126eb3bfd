import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, FIRST_FRAME_ROWS, firstFrameHtml, withFirstFrame } from './first-frame-html.ts';
import { incident, ringing } from '../test-fixtures/test-incidents.ts';
import { orderIncidents } from './incidents/urgency.ts';

const decode = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

describe('escapeHtml', () => {
  it('leaves no markup character and decodes back to the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', '#', ';', '1', ' ', '\u202e') }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        // Every & starts one of our numeric references.
        expect(escaped.replace(/&#\d+;/g, '')).not.toContain('&');
        expect(decode(escaped)).toBe(text);
      }),
    );
  });
});

describe('firstFrameHtml', () => {
  it('shows a hostile title as text, its controls visible', () => {
    const html = firstFrameHtml({ incidents: [ringing('a', { severity: '<b>critical</b>' }, { title: '<img src=x onerror=alert(1)>"\u202e' })] });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;&#34;⟨U+202E⟩');
  });

  it('lists the first rows in the app order with their counts, and the strip for the most urgent alarm', () => {
    const incidents = [
      incident('quiet', { state: 'resolved', alertCount: 3 }),
      ringing('warn', { severity: 'warning' }),
      ringing('crit', { severity: 'critical' }, { alertCount: 10_000 }),
      ...Array.from({ length: FIRST_FRAME_ROWS + 5 }, (_, i) => incident(`more-${i}`)),
    ];
    const html = firstFrameHtml({ incidents });
    const titles = [...html.matchAll(/data-testid="first-frame-title">([^<]*)</g)].map((m) => m[1]);
    expect(titles).toEqual(orderIncidents(incidents).slice(0, FIRST_FRAME_ROWS).map((i) => i.title));
    expect(html).toContain('data-testid="first-frame-count">10,000 alerts<');
    expect(html).toMatch(/data-testid="first-frame-alarm-title">crit</);
    expect(html).toContain('and 1 more ringing');
    expect(html).toContain(`Incidents <span class="muted">(${incidents.length})</span>`);
  });

  it('says all quiet with no incident and no strip when nothing rings', () => {
    const html = firstFrameHtml({ incidents: [] });
    expect(html).toContain('No incidents');
    expect(html).not.toContain('alarm-strip');
  });
});

describe('withFirstFrame', () => {
  const indexHtml = readFileSync(join(import.meta.dirname, '..', 'renderer', 'index.html'), 'utf8');

  it("puts the frame in place of the page's loading screen, nothing else changed", () => {
    const served = withFirstFrame(indexHtml, '<p>FRAME</p>');
    expect(served).toContain('<div id="root"><p>FRAME</p></div>');
    expect(served).not.toContain('Connecting to Vigil');
    expect(served.replace('<p>FRAME</p>', '')).toBe(indexHtml.replace(/(<div id="root">).*?(<\/div>)/s, '$1$2'));
  });

  it('serves a document without exactly one #root as it is', () => {
    expect(withFirstFrame('<body></body>', 'X')).toBe('<body></body>');
    expect(withFirstFrame('<div id="root"></div><div id="root"></div>', 'X')).toBe('<div id="root"></div><div id="root"></div>');
  });
});
