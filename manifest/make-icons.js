/* global require, __dirname, Buffer, console */
/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Draws the Teams app icons for Trygg and writes them as PNG files next to this script:
 *   color.png   192x192, opaque: a white shield with a check mark on the accent colour
 *   outline.png  32x32, transparent: the same shield as a white outline
 *
 * Deterministic, no dependencies beyond node:zlib. Run `node manifest/make-icons.js` after changing
 * the drawing or ACCENT (keep ACCENT equal to manifest.template.json's accentColor).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ACCENT = [0x1d, 0x4f, 0x91]; // #1D4F91
const WHITE = [0xff, 0xff, 0xff];
const SUPERSAMPLING = 4;

/** Half-width of the shield at height v (0 = top, 1 = tip), in units of the shield's half-width. */
function shieldHalfWidth(v) {
  if (v < 0 || v > 1) return 0;
  if (v <= 0.45) return 1;
  const t = (v - 0.45) / 0.55;
  return Math.max(0, 1 - t * t * (0.35 + 0.65 * t));
}

/** Whether (x, y) in icon units (0..1) lies inside a shield of the given box. */
function inShield(x, y, box) {
  const v = (y - box.top) / (box.bottom - box.top);
  // a shallow notch at the top makes it read as a shield rather than a tag
  const notch = 0.06 * (1 - Math.abs((x - box.cx) / box.half)) ** 2;
  if (v < notch) return false;
  return Math.abs(x - box.cx) <= box.half * shieldHalfWidth(v);
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inCheck(x, y, points, thickness) {
  for (let i = 0; i + 1 < points.length; i++) {
    if (distanceToSegment(x, y, points[i], points[i + 1]) <= thickness / 2) return true;
  }
  return false;
}

/** Renders size x size RGBA pixels; `shade(x, y)` returns [r, g, b, a] (a in 0..1) for icon units. */
function render(size, shade) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLING;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const o = (py * size + px) * 4;
      // fully transparent pixels are stored as transparent white
      pixels[o] = a ? Math.round(r / a) : 255;
      pixels[o + 1] = a ? Math.round(g / a) : 255;
      pixels[o + 2] = a ? Math.round(b / a) : 255;
      pixels[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels as a PNG: colour type 6 (RGBA) or, when `opaque`, 2 (RGB); 8 bits, filter 0. */
function encodePng(size, rgba, opaque) {
  const channels = opaque ? 3 : 4;
  const raw = Buffer.alloc(size * (size * channels + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * channels + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < channels; c++) raw[row + 1 + x * channels + c] = rgba[(y * size + x) * 4 + c];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = opaque ? 2 : 6; // colour type
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function colorIcon() {
  const shield = { cx: 0.5, half: 0.27, top: 0.2, bottom: 0.84 };
  const check = [[0.39, 0.5], [0.47, 0.59], [0.63, 0.4]];
  return render(192, (x, y) => {
    if (!inShield(x, y, shield)) return [...ACCENT, 1];
    return inCheck(x, y, check, 0.065) ? [...ACCENT, 1] : [...WHITE, 1];
  });
}

function outlineIcon() {
  const outer = { cx: 0.5, half: 0.38, top: 0.06, bottom: 0.96 };
  const inner = { cx: 0.5, half: 0.38 - 0.09, top: 0.06 + 0.085, bottom: 0.96 - 0.13 };
  const check = [[0.34, 0.5], [0.46, 0.63], [0.67, 0.36]];
  return render(32, (x, y) => {
    const ring = inShield(x, y, outer) && !inShield(x, y, inner);
    return ring || inCheck(x, y, check, 0.1) ? [...WHITE, 1] : [...WHITE, 0];
  });
}

fs.writeFileSync(path.join(__dirname, 'color.png'), encodePng(192, colorIcon(), true));
fs.writeFileSync(path.join(__dirname, 'outline.png'), encodePng(32, outlineIcon(), false));
console.log('wrote manifest/color.png and manifest/outline.png');
