import { crc32 } from './png';

/**
 * Reads the structure of an uploaded picture far enough to know what it is and how large it says
 * it is, without decoding pixels: a PNG chunk by chunk (CRCs included) up to IEND, a JPEG's
 * segments up to its first scan and its end marker, a WebP's RIFF chunks. A body that starts like
 * one of them but is not laid out like it (truncated, padded, another file behind a signature) is
 * `invalid`.
 */
export type ImageKind = 'png' | 'jpeg' | 'webp';

export type ImageHeader =
  | { kind: ImageKind; width: number; height: number }
  | { kind: ImageKind; invalid: string }
  | undefined;

const invalid = (kind: ImageKind, why: string): ImageHeader => ({ kind, invalid: why });

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Allowed bit depths per PNG colour type (ISO 15948 table 11.1). */
const PNG_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

function readPng(data: Buffer): ImageHeader {
  let at = PNG_SIGNATURE.length;
  let size: { width: number; height: number } | undefined;
  let sawData = false;
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > data.length) return invalid('png', `chunk ${type} runs past the end`);
    if (crc32(data.subarray(at + 4, at + 8 + length)) !== data.readUInt32BE(at + 8 + length))
      return invalid('png', `chunk ${type} fails its CRC`);
    if (!size) {
      if (type !== 'IHDR' || length !== 13) return invalid('png', 'IHDR is not the first chunk');
      const width = data.readUInt32BE(at + 8);
      const height = data.readUInt32BE(at + 12);
      const depth = data[at + 16];
      const colour = data[at + 17];
      if (width === 0 || height === 0) return invalid('png', 'zero size');
      if (!PNG_DEPTHS[colour]?.includes(depth)) return invalid('png', 'bad colour type or depth');
      size = { width, height };
    } else if (type === 'IDAT') {
      sawData = true;
    } else if (type === 'IEND') {
      if (!sawData) return invalid('png', 'no image data');
      if (end !== data.length) return invalid('png', 'bytes after IEND');
      return { kind: 'png', ...size };
    }
    at = end;
  }
  return invalid('png', 'no IEND');
}

/** SOF markers that carry the frame size (not DHT C4, JPG C8 or DAC CC). */
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function readJpeg(data: Buffer): ImageHeader {
  let at = 2;
  let size: { width: number; height: number } | undefined;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) return invalid('jpeg', 'segment does not start with a marker');
    const marker = data[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) return invalid('jpeg', 'image ends before its first scan');
    const length = data.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > data.length) return invalid('jpeg', 'segment runs past the end');
    if (isStartOfFrame(marker)) {
      if (length < 8) return invalid('jpeg', 'short frame header');
      const height = data.readUInt16BE(at + 5);
      const width = data.readUInt16BE(at + 7);
      if (width === 0 || height === 0) return invalid('jpeg', 'zero size');
      size = { width, height };
    }
    if (marker === 0xda) {
      if (!size) return invalid('jpeg', 'scan before a frame header');
      // The entropy-coded data runs to the end marker; phones may append more after it (MPF).
      const scan = at + 2 + length;
      for (let i = scan; i + 1 < data.length; i++) {
        if (data[i] === 0xff && data[i + 1] === 0xd9) return { kind: 'jpeg', ...size };
      }
      return invalid('jpeg', 'no end marker');
    }
    at += 2 + length;
  }
  return invalid('jpeg', 'no scan');
}

function readWebp(data: Buffer): ImageHeader {
  const riffSize = data.readUInt32LE(4);
  if (riffSize + 8 !== data.length) return invalid('webp', 'RIFF size does not match the body');
  const first = data.toString('latin1', 12, 16);
  const payload = 20;
  let size: { width: number; height: number } | undefined;
  if (first === 'VP8 ' && data.length >= payload + 10) {
    if (data[payload + 3] !== 0x9d || data[payload + 4] !== 0x01 || data[payload + 5] !== 0x2a)
      return invalid('webp', 'bad VP8 start code');
    size = { width: data.readUInt16LE(payload + 6) & 0x3fff, height: data.readUInt16LE(payload + 8) & 0x3fff };
  } else if (first === 'VP8L' && data.length >= payload + 5) {
    if (data[payload] !== 0x2f) return invalid('webp', 'bad VP8L signature');
    const bits = data.readUInt32LE(payload + 1);
    size = { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  } else if (first === 'VP8X' && data.length >= payload + 10) {
    size = { width: data.readUIntLE(payload + 4, 3) + 1, height: data.readUIntLE(payload + 7, 3) + 1 };
  } else {
    return invalid('webp', 'no image chunk');
  }
  if (size.width === 0 || size.height === 0) return invalid('webp', 'zero size');
  // Every chunk (fourcc, size, data padded to even) must fit exactly.
  let at = 12;
  while (at < data.length) {
    if (at + 8 > data.length) return invalid('webp', 'chunk header cut short');
    const length = data.readUInt32LE(at + 4);
    at += 8 + length + (length % 2);
    if (at > data.length) return invalid('webp', 'chunk runs past the end');
  }
  return { kind: 'webp', ...size };
}

/** The picture's kind and size, `invalid` when it only pretends to be one, undefined when it is none of them. */
export function readImageHeader(data: Buffer): ImageHeader {
  if (data.length >= PNG_SIGNATURE.length && data.subarray(0, 8).equals(PNG_SIGNATURE)) return readPng(data);
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return readJpeg(data);
  if (data.length >= 16 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP')
    return readWebp(data);
  return undefined;
}
