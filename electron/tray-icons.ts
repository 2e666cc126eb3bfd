import { encodePng } from './png-encoder.ts';
import type { RgbaImage } from './png-encoder.ts';
import type { TrayIconState } from './tray-icon-state.ts';

// Tray icons drawn in code. The states differ in SHAPE as well as colour, so they stay readable
// for colour-blind users and on monochrome panels:
//   ok      - green ring (hollow)
//   firing  - amber filled disc
//   unacked - red filled disc with a white exclamation mark
//   blind   - purple ring crossed by a bar (a closed eye): Vigil cannot see a source

type Rgb = readonly [number, number, number];

const COLOURS: Record<TrayIconState, Rgb> = {
  ok: [46, 158, 91],
  firing: [230, 160, 0],
  unacked: [217, 48, 37],
  blind: [124, 58, 237],
};
const WHITE: Rgb = [255, 255, 255];

/** 4x4 supersampling: smooth edges at 16 px without an image library. */
const SAMPLES = 4;

type Shape = (x: number, y: number) => Rgb | null;

function shapeFor(state: TrayIconState): Shape {
  const colour = COLOURS[state];
  const outer = 0.46;
  return (x, y) => {
    const dx = x - 0.5;
    const dy = y - 0.5;
    const r = Math.hypot(dx, dy);
    if (r > outer) return null;
    if (state === 'ok') return r >= outer - 0.14 ? colour : null;
    if (state === 'blind') return r >= outer - 0.14 || Math.abs(dy) <= 0.08 ? colour : null;
    if (state === 'unacked') {
      const inBar = Math.abs(dx) <= 0.07 && y >= 0.2 && y <= 0.6;
      const inDot = Math.hypot(dx, y - 0.74) <= 0.08;
      if (inBar || inDot) return WHITE;
    }
    return colour;
  };
}

export function renderTrayIcon(state: TrayIconState, size: number): RgbaImage {
  const shape = shapeFor(state);
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      const sum = [0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const colour = shape((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (!colour) continue;
          hits += 1;
          sum[0] = (sum[0] ?? 0) + colour[0];
          sum[1] = (sum[1] ?? 0) + colour[1];
          sum[2] = (sum[2] ?? 0) + colour[2];
        }
      }
      const offset = (py * size + px) * 4;
      if (hits === 0) continue;
      rgba[offset] = Math.round((sum[0] ?? 0) / hits);
      rgba[offset + 1] = Math.round((sum[1] ?? 0) / hits);
      rgba[offset + 2] = Math.round((sum[2] ?? 0) / hits);
      rgba[offset + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES));
    }
  }
  return { width: size, height: size, rgba };
}

export function trayIconPng(state: TrayIconState, size: number): Buffer {
  return encodePng(renderTrayIcon(state, size));
}

/** 16 px for 1x displays and 32 px for 2x, as representations of one native image. */
export function trayIconRepresentations(state: TrayIconState): Array<{ scaleFactor: number; buffer: Buffer }> {
  return [
    { scaleFactor: 1, buffer: trayIconPng(state, 16) },
    { scaleFactor: 2, buffer: trayIconPng(state, 32) },
  ];
}
