import { describe, expect, it } from 'vitest';
import { diffIncidentKeys } from './incident-diff.ts';

describe('incident diff', () => {
  it('splits keys into appeared, continuing and resolved', () => {
    expect(diffIncidentKeys(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual({ appeared: ['d'], continuing: ['b', 'c'], resolved: ['a'] });
  });

  it('treats everything as new on the first evaluation and everything as resolved when all clear', () => {
    expect(diffIncidentKeys([], ['x'])).toEqual({ appeared: ['x'], continuing: [], resolved: [] });
    expect(diffIncidentKeys(['x'], [])).toEqual({ appeared: [], continuing: [], resolved: ['x'] });
  });
});
