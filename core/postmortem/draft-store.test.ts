import { appendFileSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAFT_LOG_NAME, DRAFT_MARKDOWN_NAME, draftFolderName, openDraftStore } from './draft-store.ts';

const OCC = 'WeaviateDown-3f2a9c@m7x1k2';
const meta = { occurrenceId: OCC, incidentKey: 'WeaviateDown-3f2a9c' };

function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-drafts-'));
  let t = 1_000;
  let full = false;
  const store = () =>
    openDraftStore(dir, {
      clock: { now: () => (t += 1000) },
      // A full disk as the kernel says it: a write to /dev/full fails with ENOSPC.
      beforeWrite: () => {
        if (!full) return;
        const fd = openSync('/dev/full', 'w');
        try {
          writeSync(fd, 'x');
        } finally {
          closeSync(fd);
        }
      },
    });
  const folder = join(dir, draftFolderName(OCC));
  return { dir, folder, store, setFull: (v: boolean) => (full = v), md: () => readFileSync(join(folder, DRAFT_MARKDOWN_NAME), 'utf8'), log: () => join(folder, DRAFT_LOG_NAME) };
}

describe('draft store', () => {
  it('journals every revision, keeps postmortem.md current, and replays the same texts after a restart', () => {
    const f = fixture();
    const drafts = f.store();
    expect(drafts.get(OCC)).toBeNull();
    drafts.create(meta, '# Draft\n', 'alex.chen');
    expect(() => drafts.create(meta, 'again')).toThrow(/exists for this occurrence already/);
    drafts.save(OCC, '# Draft\nfirst words\n', 'alex.chen');
    const saved = drafts.save(OCC, '# Draft\nfirst words, more\n', 'alex.chen');
    expect(drafts.save(OCC, '# Draft\nfirst words, more\n').rev).toBe(3); // unchanged text: no revision
    expect(saved).toMatchObject({ rev: 3, text: '# Draft\nfirst words, more\n', file: join(f.folder, DRAFT_MARKDOWN_NAME) });
    expect(f.md()).toBe('# Draft\nfirst words, more\n');
    // An edit is journaled as a splice, not the whole text again.
    const lines = readFileSync(f.log(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[2]).toMatchObject({ kind: 'edit', start: 19, deleted: 0, insert: ', more', length: 26 });

    const again = f.store();
    expect(again.get(OCC)).toMatchObject({ rev: 3, text: '# Draft\nfirst words, more\n', incidentKey: meta.incidentKey });
    expect(again.revisions(OCC).map((r) => [r.rev, r.kind])).toEqual([[1, 'created'], [2, 'edit'], [3, 'edit']]);
    expect(again.revisionText(OCC, 2)).toBe('# Draft\nfirst words\n');
  });

  it('restores an earlier version as a new revision, keeping every later one', () => {
    const f = fixture();
    const drafts = f.store();
    drafts.create(meta, 'v1');
    drafts.save(OCC, 'v2');
    const restored = drafts.restore(OCC, 1, 'alex.chen');
    expect(restored).toMatchObject({ rev: 3, text: 'v1' });
    expect(f.md()).toBe('v1');
    expect(f.store().revisions(OCC).map((r) => r.kind)).toEqual(['created', 'edit', 'restore']);
    expect(f.store().revisionText(OCC, 2)).toBe('v2');
  });

  it('sets a torn last line aside and keeps every revision before it', () => {
    const f = fixture();
    const drafts = f.store();
    drafts.create(meta, 'one');
    drafts.save(OCC, 'one two');
    appendFileSync(f.log(), '{"v":1,"rev":3,"at":5,"kind":"edit","sta');
    const again = f.store();
    expect(again.get(OCC)).toMatchObject({ rev: 2, text: 'one two' });
    expect(readdirSync(f.folder).some((n) => n.startsWith(`${DRAFT_LOG_NAME}.corrupt-`))).toBe(true);
    expect(again.save(OCC, 'one two three').rev).toBe(3);
    expect(f.store().get(OCC)?.text).toBe('one two three');
  });

  it('rewrites postmortem.md left behind by a crash, and takes in a version edited outside Vigil', () => {
    const f = fixture();
    f.store().create(meta, 'one');
    f.store().save(OCC, 'one two');
    // A crash between the log append and the rename: the file still holds the revision before.
    writeFileSync(join(f.folder, DRAFT_MARKDOWN_NAME), 'one');
    expect(f.store().get(OCC)).toMatchObject({ rev: 2, text: 'one two' });
    expect(f.md()).toBe('one two');
    // The user edited the Markdown in their own editor: that becomes the current text, and the history keeps Vigil's.
    writeFileSync(join(f.folder, DRAFT_MARKDOWN_NAME), 'one two, from vim');
    const again = f.store();
    expect(again.get(OCC)).toMatchObject({ rev: 3, text: 'one two, from vim' });
    expect(again.revisions(OCC).at(-1)?.kind).toBe('external');
    expect(again.revisionText(OCC, 2)).toBe('one two');
  });

  it('on a full disk refuses the save with ENOSPC, changes nothing, and saves once space is back', () => {
    const f = fixture();
    const drafts = f.store();
    drafts.create(meta, 'kept');
    f.setFull(true);
    expect(() => drafts.save(OCC, 'kept and new words')).toThrow(/ENOSPC/);
    expect(drafts.get(OCC)).toMatchObject({ rev: 1, text: 'kept' });
    f.setFull(false);
    expect(drafts.save(OCC, 'kept and new words').rev).toBe(2);
    expect(f.store().get(OCC)?.text).toBe('kept and new words');
    expect(f.md()).toBe('kept and new words');
  });

  it('names folders safely whatever the occurrence id holds', () => {
    expect(draftFolderName('../../etc@1')).toMatch(/^_[A-Za-z0-9_.-]*-[0-9a-f]{10}$/);
    expect(draftFolderName('a/b@1')).not.toBe(draftFolderName('a_b@1'));
  });
});
