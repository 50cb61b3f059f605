import { deflateSync } from 'node:zlib';

// A minimal PNG encoder (8-bit RGB, no interlace) for generated demo pictures; no dependencies.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A PNG chunk: length, type, data and the CRC of type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** `rgb` holds width × height × 3 bytes, rows top to bottom. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) throw new Error('pixel buffer does not match the size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  // Each row starts with its filter byte (0: none).
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export type Rgb = [number, number, number];

/** A deterministic pseudo-random sequence from a string (FNV-1a seed, xorshift32). */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let state = h >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

/**
 * A dish photo stand-in: a plate on a wooden table with food in `food` colours, laid out by `seed`
 * so every dish looks a little different. 160 × 120, a few kilobytes.
 */
export function drawPlate(seed: string, food: Rgb[]): Buffer {
  const width = 160;
  const height = 120;
  const random = seededRandom(seed);
  const px = new Uint8Array(width * height * 3);
  const cx = width / 2;
  const cy = height / 2;
  const pieces = Array.from({ length: 14 }, () => {
    const angle = random() * Math.PI * 2;
    const distance = random() * 30;
    return {
      x: cx + Math.cos(angle) * distance,
      y: cy + Math.sin(angle) * distance,
      r: 5 + random() * 7,
      colour: food[Math.floor(random() * food.length)],
    };
  });
  // Squared distances throughout: this runs for every pixel of every seeded photo.
  const wave = Array.from({ length: width }, (_, x) => Math.sin(x * 0.05) * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d2 = (x - cx) ** 2 + (y - cy) ** 2;
      let c: Rgb;
      if (d2 > 54 * 54) {
        const grain = ((Math.sin(y * 0.9 + wave[x]) + 1) * 10) | 0;
        c = [186 - grain, 140 - grain, 96 - grain]; // table
      } else if (d2 > 50 * 50) {
        c = [214, 214, 208]; // rim
      } else {
        c = d2 < 40 * 40 ? food[0] : [248, 247, 242]; // food on the plate
        for (const p of pieces) if ((x - p.x) ** 2 + (y - p.y) ** 2 < p.r * p.r) c = p.colour;
      }
      const i = (y * width + x) * 3;
      px[i] = c[0];
      px[i + 1] = c[1];
      px[i + 2] = c[2];
    }
  }
  return encodePng(width, height, px);
}
