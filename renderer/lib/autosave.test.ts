import { describe, expect, it } from 'vitest';
import { createAutosave, type AutosaveState, type SaveOutcome } from './autosave.ts';

// A manual clock: timers fire only when the test advances time.
function harness(answers: Array<SaveOutcome | 'hang'> = []) {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let id = 0;
  const saves: string[] = [];
  const states: AutosaveState[] = [];
  let release: (() => void) | null = null;
  const autosave = createAutosave('v0', {
    now: () => now,
    setTimer: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: (id += 1) });
      return id;
    },
    clearTimer: (handle) => {
      const i = timers.findIndex((t) => t.id === handle);
      if (i >= 0) timers.splice(i, 1);
    },
    save: async (text) => {
      saves.push(text);
      const answer = answers.shift() ?? { ok: true, rev: saves.length + 1, savedAt: now };
      if (answer === 'hang') {
        await new Promise<void>((r) => (release = r));
        return { ok: true, rev: saves.length + 1, savedAt: now };
      }
      return answer;
    },
    onState: (s) => states.push(s),
  });
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      now = next.at;
      next.fn();
      await Promise.resolve();
      await new Promise((r) => setImmediate(r));
    }
    now = until;
  };
  return { autosave, saves, states, advance, release: () => release?.() };
}

describe('autosave', () => {
  it('saves after a pause in typing', async () => {
    const h = harness();
    h.autosave.change('v1');
    await h.advance(200);
    expect(h.saves).toEqual([]);
    await h.advance(100);
    expect(h.saves).toEqual(['v1']);
    expect(h.autosave.state()).toMatchObject({ status: 'saved', rev: 2 });
  });

  it('saves at least every 700 ms while typing never pauses, so a kill loses under a second', async () => {
    const h = harness();
    for (let i = 1; i <= 20; i += 1) {
      h.autosave.change(`v${i}`);
      await h.advance(100); // a keystroke every 100 ms
    }
    // 2 s of typing: saved at 700 ms, 1400 ms (never waiting for a pause that does not come).
    expect(h.saves.length).toBeGreaterThanOrEqual(2);
    expect(h.saves[0]).toBe('v7');
  });

  it('keeps the text and retries when the core refuses (disk full), and says so until it lands', async () => {
    const h = harness([{ ok: false, error: 'ENOSPC: no space left on device' }, { ok: false, error: 'ENOSPC: no space left on device' }]);
    h.autosave.change('precious words');
    await h.advance(300);
    expect(h.autosave.state()).toMatchObject({ status: 'failed', error: 'ENOSPC: no space left on device' });
    h.autosave.change('precious words, more');
    await h.advance(2000);
    expect(h.autosave.state().status).toBe('failed');
    await h.advance(2000);
    expect(h.saves).toEqual(['precious words', 'precious words, more', 'precious words, more']);
    expect(h.autosave.state()).toMatchObject({ status: 'saved', error: null });
  });

  it('never sends two saves at once, and saves the newest text after the one in flight', async () => {
    const h = harness(['hang']);
    h.autosave.change('a');
    await h.advance(300);
    h.autosave.change('ab');
    await h.advance(1000);
    expect(h.saves).toEqual(['a']);
    h.release();
    await new Promise((r) => setImmediate(r));
    await h.advance(10);
    expect(h.saves).toEqual(['a', 'ab']);
    expect(h.autosave.state().status).toBe('saved');
  });

  it('flush saves at once', async () => {
    const h = harness();
    h.autosave.change('now');
    expect(await h.autosave.flush()).toMatchObject({ status: 'saved' });
    expect(h.saves).toEqual(['now']);
  });
});
