import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../runtime/system-clock.ts';
import { runbookFromTree } from '../../shared/runbooks/runbook-checklist.ts';
import { createMarkdownParser, type MarkdownParser } from './markdown-worker.ts';

// micromark takes minutes on some 20 kB inputs; the worker's time limit is what keeps the
// core's thread (polls, alarms) free of them.

let parser: MarkdownParser | null = null;
afterEach(() => parser?.dispose());

describe('the Markdown parser worker', () => {
  it('parses off the thread, gives up on pathological input at its time limit, and parses again afterwards', async () => {
    // The limit is counted from when a started worker begins to parse; the pathological inputs are
    // large enough that no machine parses them within it, whatever its speed.
    parser = createMarkdownParser({ clock: systemClock, timeoutMs: 150 });
    const runbook = '## Now (0-5 minutes)\n1. **check** the pods\n   ```sh\n   kubectl get pods\n   ```\n';
    expect(runbookFromTree(await parser.parse(runbook)).phases[0]!.steps[0]!.commands).toEqual(['kubectl get pods']);
    await expect(parser.parse('>'.repeat(2_000_000))).rejects.toThrow(/too complex: parsing it took longer than 150 ms/);
    await expect(parser.parse('- '.repeat(1_000_000))).rejects.toThrow(/too complex/);
    expect(runbookFromTree(await parser.parse(runbook)).phases).toHaveLength(1);
  });

  it('cuts nesting deeper than asked, so the tree it hands back stays shallow', async () => {
    parser = createMarkdownParser({ clock: systemClock, timeoutMs: 10_000, maxDepth: 6 });
    const tree = await parser.parse(`${'> '.repeat(40)}deep\n`);
    let depth = 0;
    for (let node: { children?: unknown[] } | undefined = tree; node?.children?.length; node = node.children[0] as { children?: unknown[] }) depth += 1;
    expect(depth).toBeLessThanOrEqual(6);
    expect(JSON.stringify(tree)).not.toContain('"position"');
  });
});
