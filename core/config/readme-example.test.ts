import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyFor } from '../../shared/config-schema.ts';
import { parseVigilConfigText } from './parse-config-text.ts';

// The README's configuration snippet is what newcomers copy: it must load as written.
describe("the README's configuration example", () => {
  it('parses and means what it says', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const config = parseVigilConfigText(yaml!, 'README.md');
    expect(config.sources[0]?.urls).toHaveLength(2);
    expect(policyFor(config, 'critical')).toMatchObject({ alarm: true, ack_within: 120_000, loud: true });
    expect(policyFor(config, 'none').alarm).toBe(false);
  });
});
