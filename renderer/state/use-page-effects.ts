import { useEffect } from 'react';

/** Tell tests (and anything else waiting) that the first snapshot is on screen. */
export function useReadyMarker(): void {
  useEffect(() => {
    document.body.dataset.vigilReady = 'true';
  }, []);
}

/** "(2) Vigil" while two alarms ring, so the taskbar shows it even when the window is hidden. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
