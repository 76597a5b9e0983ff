#!/usr/bin/env node
// Draws Keel's icons (resources/icon.png 512 px for electron-builder, resources/tray.png 32 px)
// with no image library: shapes are sampled 4x4 per pixel for anti-aliasing and written as PNG
// through zlib. Run once after changing the design: `node scripts/make-icons.cjs`; the PNGs are committed.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const TEAL = [45, 212, 191];
const NAVY = [17, 24, 39];

/** The mark in unit coordinates: a deck bar over a keel fin. */
function inMark(x, y) {
  const deck = x >= 0.1 && x <= 0.9 && y >= 0.16 && y <= 0.3;
  // Fin: a triangle from the deck's middle down to a point.
  const t = (y - 0.3) / (0.84 - 0.3);
  const halfWidth = 0.22 * (1 - t);
  const fin = t >= 0 && t <= 1 && Math.abs(x - 0.5) <= halfWidth;
  return deck || fin;
}

function inRoundedSquare(x, y, radius) {
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

/** Returns RGBA for unit point (x, y), or null for transparent. */
function appIcon(x, y) {
  if (!inRoundedSquare(x, y, 0.2)) return null;
  const inset = 0.2;
  const mx = (x - inset) / (1 - 2 * inset);
  const my = (y - inset) / (1 - 2 * inset);
  return mx >= 0 && mx <= 1 && my >= 0 && my <= 1 && inMark(mx, my) ? TEAL : NAVY;
}

function trayIcon(x, y) {
  return inMark(x, y) ? TEAL : null;
}

function render(size, paint) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py += 1) {
    const row = Buffer.alloc(1 + size * 4); // leading 0 = PNG filter "none"
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const color = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!color) continue;
          sum[0] += color[0];
          sum[1] += color[1];
          sum[2] += color[2];
          sum[3] += 1;
        }
      }
      const offset = 1 + px * 4;
      if (sum[3] > 0) {
        row[offset] = Math.round(sum[0] / sum[3]);
        row[offset + 1] = Math.round(sum[1] / sum[3]);
        row[offset + 2] = Math.round(sum[2] / sum[3]);
        row[offset + 3] = Math.round((255 * sum[3]) / (samples * samples));
      }
    }
    rows.push(row);
  }
  return encodePng(size, size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.join(__dirname, '..', 'resources');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'icon.png'), render(512, appIcon));
fs.writeFileSync(path.join(out, 'tray.png'), render(32, trayIcon));
console.log(`Wrote ${path.join(out, 'icon.png')} and ${path.join(out, 'tray.png')}`);
