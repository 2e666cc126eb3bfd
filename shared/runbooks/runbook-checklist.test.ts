import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkExternalLink } from '../link-allowlist.ts';
import { cutForParsing, MAX_NESTING, MAX_PARSE_CHARS, parseRunbookMarkdown, parseTimeBox } from './runbook-checklist.ts';
import { findStep, formatTimeBox, type RunbookChecklist } from './runbook-model.ts';

const examples = join(import.meta.dirname, '..', '..', 'examples', 'runbooks');
const example = (name: string) => readFileSync(join(examples, `${name}.md`), 'utf8');
const steps = (checklist: RunbookChecklist) => checklist.phases.flatMap((p) => p.steps);
const MIN = 60_000;

/** Every key in the output is one the renderer knows, and every leaf is plain data: nothing to execute. */
const KNOWN_KEYS = new Set(['title', 'phases', 'truncated', 'id', 'timeBox', 'fromMs', 'toMs', 'steps', 'notes', 'commands', 'kind', 'number', 'depth', 'text', 'parts', 'url', 'code', 'strong', 'bullet']);
function assertPlainData(value: unknown, path = '$'): void {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
  if (Array.isArray(value)) return value.forEach((item, i) => assertPlainData(item, `${path}[${i}]`));
  expect(Object.getPrototypeOf(value), path).toBe(Object.prototype);
  for (const [key, child] of Object.entries(value as object)) {
    expect(KNOWN_KEYS.has(key), `${path}.${key}`).toBe(true);
    assertPlainData(child, `${path}.${key}`);
  }
}

describe('the playbook runbooks', () => {
  it('HighApiErrorRate: three time-boxed phases of numbered steps, kubectl commands and the dashboard link', () => {
    const checklist = parseRunbookMarkdown(example('HighApiErrorRate'));
    expect(checklist.title).toBe('HighApiErrorRate');
    expect(checklist.truncated).toBe(false);
    const titled = checklist.phases.filter((p) => p.title !== '');
    expect(titled.map((p) => [p.title, p.timeBox])).toEqual([
      ['Immediate Response (0-5 minutes)', { fromMs: 0, toMs: 5 * MIN }],
      ['Investigation (5-15 minutes)', { fromMs: 5 * MIN, toMs: 15 * MIN }],
      ['Mitigation (15-30 minutes)', { fromMs: 15 * MIN, toMs: 30 * MIN }],
      ['Escalation', null],
    ]);
    // The playbook numbers its steps across phases (Investigation starts at 4).
    expect(steps(checklist).map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(steps(checklist).map((s) => s.text)).toContain('Acknowledge the alert in PagerDuty');
    const [ack, dashboard, health] = titled[0]!.steps;
    expect(ack!.parts).toEqual([{ text: 'Acknowledge the alert', strong: true }, { text: ' in PagerDuty' }]);
    expect(dashboard!.parts).toContainEqual({ text: 'API Error Rate Dashboard', url: 'https://grafana.company.com/d/gremlinsai/api-dashboard' });
    expect(dashboard!.notes.map((n) => n.bullet)).toEqual([true, true, true]);
    expect(health!.commands).toHaveLength(1);
    expect(health!.commands[0]).toContain('kubectl get pods -n gremlinsai');
    expect(titled[3]!.notes[0]).toMatchObject({ bullet: true, parts: [{ text: 'Escalate to secondary', strong: true }, { text: ' if unable to identify root cause within 15 minutes' }] });
    expect(formatTimeBox(titled[2]!.timeBox!)).toBe('15–30 min');
  });

  it('HighLLMLatency and WeaviateDown keep their phases, steps and commands', () => {
    const llm = parseRunbookMarkdown(example('HighLLMLatency'));
    expect(llm.phases.filter((p) => p.timeBox).map((p) => p.title)).toEqual(['Immediate Response (0-5 minutes)', 'Investigation (5-15 minutes)', 'Mitigation (15-30 minutes)']);
    expect(steps(llm)).toHaveLength(8);
    const weaviate = parseRunbookMarkdown(example('WeaviateDown'));
    expect(weaviate.phases.filter((p) => p.timeBox).map((p) => [p.title, p.timeBox])).toEqual([
      ['Immediate Response (0-5 minutes)', { fromMs: 0, toMs: 5 * MIN }],
      ['Investigation & Mitigation (5-20 minutes)', { fromMs: 5 * MIN, toMs: 20 * MIN }],
    ]);
    expect(steps(weaviate).flatMap((s) => s.commands).join('\n')).toContain('kubectl rollout restart deployment/weaviate -n gremlinsai');
  });

  it('gives each step an id that is unique and stable across parses, and findStep finds it', () => {
    for (const name of ['HighApiErrorRate', 'HighLLMLatency', 'WeaviateDown']) {
      const first = parseRunbookMarkdown(example(name));
      const again = parseRunbookMarkdown(example(name));
      const ids = steps(first).map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(steps(again).map((s) => s.id)).toEqual(ids);
      expect(findStep(first, ids[2]!)?.step.text).toBe(steps(first)[2]!.text);
    }
    // A reworded step is a different step: a check on the old wording does not carry over.
    const before = steps(parseRunbookMarkdown('## A\n1. restart the pods\n'))[0]!.id;
    const after = steps(parseRunbookMarkdown('## A\n1. scale the pods\n'))[0]!.id;
    expect(after).not.toBe(before);
  });
});

describe('time boxes', () => {
  it.each([
    ['Immediate Response (0-5 minutes)', 0, 5 * MIN],
    ['Investigation (5-15 min)', 5 * MIN, 15 * MIN],
    ['Mitigation 15-30m', 15 * MIN, 30 * MIN],
    ['Investigation – 5–15 minutes', 5 * MIN, 15 * MIN],
    ['Long tail (1h-2h)', 3_600_000, 7_200_000],
    ['Quick look (0-90s)', 0, 90_000],
    ['Escalate (30 - 60 mins)', 30 * MIN, 60 * MIN],
  ])('%s', (heading, fromMs, toMs) => {
    expect(parseTimeBox(heading)).toEqual({ fromMs, toMs });
  });

  it.each(['Escalation', 'Phase 2', 'Step 5-3 minutes', 'Release 1.2-3 minutes', 'Runbook v2-10 apples', '5-'])('%s has none', (heading) => {
    expect(parseTimeBox(heading)).toBeNull();
  });
});

describe('structure', () => {
  it('task items are steps of their own kind; bullets are notes; nested ordered items are deeper steps', () => {
    const checklist = parseRunbookMarkdown(['## Checks (0-10 min)', '- [ ] drain the node', '- [x] page the DBA', '- just a remark', '1. restart', '   1. the api', '   2. the worker', '   - then watch the logs', ''].join('\n'));
    const [phase] = checklist.phases;
    expect(phase!.steps.map((s) => [s.kind, s.depth, s.text, s.number])).toEqual([
      ['task', 0, 'drain the node', null],
      ['task', 0, 'page the DBA', null],
      ['step', 0, 'restart', 1],
      ['step', 1, 'the api', 1],
      ['step', 1, 'the worker', 2],
    ]);
    expect(phase!.notes).toEqual([{ bullet: true, parts: [{ text: 'just a remark' }] }]);
    expect(phase!.steps[2]!.notes).toEqual([{ bullet: true, parts: [{ text: 'then watch the logs' }] }]);
  });

  it('code outside a step is a command of the phase; content before the first heading is an untitled phase', () => {
    const checklist = parseRunbookMarkdown(['Read this first.', '', '## Fix', '```sh', 'kubectl get pods', '```', '', '| a | b |', '| - | - |', '| 1 | 2 |', ''].join('\n'));
    expect(checklist.title).toBeNull();
    expect(checklist.phases.map((p) => p.title)).toEqual(['', 'Fix']);
    expect(checklist.phases[0]!.notes).toEqual([{ bullet: false, parts: [{ text: 'Read this first.' }] }]);
    expect(checklist.phases[1]!.commands).toEqual(['kubectl get pods']);
    expect(checklist.phases[1]!.notes.map((n) => n.parts.map((p) => p.text).join(''))).toEqual(['a | b', '1 | 2']);
  });
});

describe('hostile runbooks are inert data', () => {
  const hostile = [
    '# Hostile <script>alert(1)</script>',
    '<script>window.__pwned = 1</script>',
    '',
    '## Phase (0-5 minutes)',
    '1. Look <img src="http://127.0.0.1:9/pixel.png" onerror="window.__pwned=2"> here',
    '2. Click [me](javascript:alert(document.domain)) or [data](data:text/html,<script>alert(1)</script>) or [ref][evil]',
    '3. ![diagram](http://127.0.0.1:9/diagram.png) and <a href="javascript:alert(3)">raw</a>',
    '4. Bidi \u202Egnp.exe and a <iframe src="https://evil.example"></iframe>',
    '',
    '[evil]: javascript:alert(4)',
    '',
  ].join('\n');

  it('raw HTML stays literal text, images are alt text only, javascript: links are data the allowlist refuses', () => {
    const checklist = parseRunbookMarkdown(hostile);
    assertPlainData(checklist);
    const [look, click, image, bidi] = steps(checklist);
    expect(checklist.title).toBe('Hostile <script>alert(1)</script>');
    expect(checklist.phases[0]!.notes[0]!.parts).toEqual([{ text: '<script>window.__pwned = 1</script>' }]);
    expect(look!.text).toBe('Look <img src="http://127.0.0.1:9/pixel.png" onerror="window.__pwned=2"> here');
    expect(look!.parts.every((p) => p.url === undefined)).toBe(true);
    const urls = click!.parts.filter((p) => p.url !== undefined).map((p) => p.url!);
    expect(urls).toEqual(['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'javascript:alert(4)']);
    for (const url of urls) expect(checkExternalLink(url).ok).toBe(false);
    // The image's address is nowhere in the output: there is nothing to fetch it from.
    expect(JSON.stringify(checklist)).not.toContain('diagram.png');
    expect(image!.text).toContain('[image: diagram]');
    expect(image!.text).toContain('<a href="javascript:alert(3)">');
    expect(bidi!.text).toContain('\u202E'); // kept as data; the renderer shows it as ⟨U+202E⟩
  });

  it('a 2 MB runbook is parsed from its first 64 KiB and marked truncated', () => {
    const section = readFileSync(join(examples, 'HighApiErrorRate.md'), 'utf8');
    const big = section.repeat(Math.ceil((2 * 1024 * 1024) / section.length));
    expect(big.length).toBeGreaterThan(2_000_000);
    const cut = cutForParsing(big);
    expect(cut.truncated).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(MAX_PARSE_CHARS);
    expect(cut.text.endsWith('\n')).toBe(true);
    const checklist = parseRunbookMarkdown(big);
    expect(checklist.truncated).toBe(true);
    expect(steps(checklist).length).toBeGreaterThan(50);
    expect(JSON.stringify(checklist).length).toBeLessThan(1024 * 1024);
  });

  it('lists nested 60 deep give bounded depth, marked truncated', () => {
    const deep = Array.from({ length: 60 }, (_, i) => `${' '.repeat(i * 3)}1. level ${i}`).join('\n');
    const checklist = parseRunbookMarkdown(`## Deep\n${deep}\n`);
    expect(checklist.truncated).toBe(true);
    const depths = steps(checklist).map((s) => s.depth);
    expect(Math.max(...depths)).toBeLessThanOrEqual(MAX_NESTING);
    expect(steps(checklist)[0]!.text).toBe('level 0');
  });

  it('any input: never throws, same output twice, unique ids, bounded plain data', () => {
    const fragment = fc.constantFrom('# ', '## ', '1. ', '- ', '- [ ] ', '  ', '> ', '```\n', '`', '**', '[', '](', ')', '<script>', '<img src=x onerror=alert(1)>', '![a](b)', 'javascript:x', '\n', '\n\n', '| a |', '0-5 minutes', '\u202E', 'text');
    const markdown = fc.oneof(fc.string({ maxLength: 300 }), fc.array(fragment, { maxLength: 80 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(markdown, (text) => {
        const checklist = parseRunbookMarkdown(text);
        assertPlainData(checklist);
        expect(parseRunbookMarkdown(text)).toEqual(checklist);
        const ids = steps(checklist).map((s) => s.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(JSON.stringify(checklist).length).toBeLessThan(64 * 1024);
      }),
      { numRuns: 300 },
    );
  });
});
