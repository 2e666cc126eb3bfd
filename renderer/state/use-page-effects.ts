import { useEffect } from 'react';
import { afterNextPaint } from '../lib/next-frame.ts';
import { uiStore, useUi } from './ui-store.ts';

/**
 * The first snapshot's first frame shows the alarm strip and the list; once it is painted, the
 * rest (the detail pane) renders. Returns whether that has happened.
 */
export function useFirstPaint(): boolean {
  const done = useUi((state) => state.firstPaintDone);
  useEffect(() => {
    if (done) return;
    return afterNextPaint(() => uiStore.getState().markFirstPaintDone());
  }, [done]);
  return done;
}

/** Tell tests (and anything else waiting) that the first snapshot is on screen, all of it (`ready`). */
export function useReadyMarker(ready: boolean): void {
  useEffect(() => {
    if (ready) document.body.dataset.vigilReady = 'true';
  }, [ready]);
}

/** "(2) Vigil" while two alarms ring, so the taskbar shows it even when the window is hidden. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
