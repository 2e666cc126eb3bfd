import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from './png-encoder.ts';
import { renderTrayIcon, trayIconRepresentations } from './tray-icons.ts';
import { TRAY_ICON_STATES } from './tray-icon-state.ts';

/** Reads a PNG back chunk by chunk, checking every CRC, and returns its header and pixels. */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(typeAndData));
    chunks.push({ type: typeAndData.subarray(0, 4).toString('ascii'), data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0]?.data as Buffer;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([...header.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  const raw = inflateSync(chunks[1]?.data as Buffer);
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

describe('encodePng', () => {
  it('round-trips pixels through a valid PNG', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const decoded = decodePng(encodePng({ width: 3, height: 2, rgba }));
    expect(decoded.width).toBe(3);
    expect(decoded.height).toBe(2);
    expect([...decoded.rgba]).toEqual([...rgba]);
  });

  it('rejects a buffer of the wrong size', () => {
    expect(() => encodePng({ width: 2, height: 2, rgba: new Uint8Array(15) })).toThrow('expected 16 RGBA bytes');
    expect(() => encodePng({ width: 0, height: 2, rgba: new Uint8Array(0) })).toThrow('invalid image size');
  });
});

describe('tray icons', () => {
  const pixel = (state: (typeof TRAY_ICON_STATES)[number], x: number, y: number) => {
    const { rgba, width } = renderTrayIcon(state, 32);
    const o = (y * width + x) * 4;
    return [rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]];
  };

  it('differ by shape, not only colour: ok is a hollow ring, unacked has a white mark', () => {
    expect(pixel('ok', 16, 16)[3]).toBe(0);
    expect(pixel('firing', 16, 16)[3]).toBe(255);
    expect(pixel('unacked', 16, 11)).toEqual([255, 255, 255, 255]);
    expect(pixel('firing', 0, 0)[3]).toBe(0);
    // Blind: a hollow ring crossed by a bar, opaque in the middle, empty above it.
    expect(pixel('blind', 16, 16)[3]).toBe(255);
    expect(pixel('blind', 16, 9)[3]).toBe(0);
  });

  it('come as 16 px and 32 px PNG representations', () => {
    for (const state of TRAY_ICON_STATES) {
      const [one, two] = trayIconRepresentations(state);
      expect(one?.scaleFactor).toBe(1);
      expect(decodePng(one?.buffer as Buffer).width).toBe(16);
      expect(two?.scaleFactor).toBe(2);
      expect(decodePng(two?.buffer as Buffer).width).toBe(32);
    }
  });
});
