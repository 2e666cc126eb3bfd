import { describe, expect, it } from 'vitest';
import { occurrenceFilterArgs } from './occurrence-filter.ts';

describe('occurrenceFilterArgs', () => {
  it('sends only what is filled in; a date is that whole local day', () => {
    expect(occurrenceFilterArgs({ alertname: '', severity: '', date: '' })).toEqual({});
    const args = occurrenceFilterArgs({ alertname: ' Weaviate ', severity: 'critical', date: '2025-03-04' });
    expect(args).toMatchObject({ alertname: 'Weaviate', severity: 'critical' });
    expect(new Date(args.from!).getDate()).toBe(4);
    expect(new Date(args.from!).getHours()).toBe(0);
    expect(new Date(args.to!).getDate()).toBe(5);
    expect(occurrenceFilterArgs({ alertname: '', severity: '', date: 'yesterday' })).toEqual({});
  });
});
