import {
  addEccAndInterleave,
  alignmentPositions,
  encodeDataCodewords,
  encodeQr,
  formatBits,
  rsRemainder,
  versionBits,
  type QrEcc,
  type QrMatrix,
} from '../encode';

const bin = (value: number, width: number) => value.toString(2).padStart(width, '0');
const bytes = (text: string) => text.split(' ').map((b) => Number.parseInt(b, 2));

// ---- An independent reader for the symbols, written from the standard rather than the encoder ----

const ALIGN: number[][] = [
  [],
  [],
  [6, 18],
  [6, 22],
  [6, 26],
  [6, 30],
  [6, 34],
  [6, 22, 38],
  [6, 24, 42],
  [6, 26, 46],
  [6, 28, 50],
];
/** [ecc codewords per block, blocks] per version (1–10), from ISO/IEC 18004 table 9. */
const BLOCK_TABLE: Record<QrEcc, [number, number][]> = {
  L: [
    [0, 0],
    [7, 1],
    [10, 1],
    [15, 1],
    [20, 1],
    [26, 1],
    [18, 2],
    [20, 2],
    [24, 2],
    [30, 2],
    [18, 4],
  ],
  M: [
    [0, 0],
    [10, 1],
    [16, 1],
    [26, 1],
    [18, 2],
    [24, 2],
    [16, 4],
    [18, 4],
    [22, 4],
    [22, 5],
    [26, 5],
  ],
  Q: [
    [0, 0],
    [13, 1],
    [22, 1],
    [18, 2],
    [26, 2],
    [18, 4],
    [24, 4],
    [18, 6],
    [22, 6],
    [20, 8],
    [24, 8],
  ],
  H: [
    [0, 0],
    [17, 1],
    [28, 1],
    [22, 2],
    [16, 4],
    [22, 4],
    [28, 4],
    [26, 5],
    [26, 6],
    [24, 8],
    [28, 8],
  ],
};
const TOTAL_CODEWORDS = [0, 26, 44, 70, 100, 134, 172, 196, 242, 292, 346];
const MASK_TESTS: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];
const LEVEL_OF_BITS: QrEcc[] = ['M', 'L', 'H', 'Q'];

/** Which modules are function patterns (not data), by the standard's layout. */
function reserved(version: number): boolean[][] {
  const size = version * 4 + 17;
  const r = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const mark = (row: number, col: number) => {
    if (row >= 0 && col >= 0 && row < size && col < size) r[row][col] = true;
  };
  for (let i = 0; i < 9; i++) {
    for (let j = 0; j < 9; j++) mark(i, j); // top-left finder, separator and format
    for (let j = 0; j < 8; j++) {
      mark(i, size - 8 + j); // top-right finder, separator and format row
      mark(size - 8 + j, i); // bottom-left finder, separator, format column and dark module
    }
  }
  for (let i = 0; i < size; i++) {
    mark(6, i);
    mark(i, 6);
  }
  const centres = ALIGN[version];
  for (const row of centres) {
    for (const col of centres) {
      if ((row < 9 && col < 9) || (row < 9 && col > size - 9) || (row > size - 9 && col < 9)) continue;
      for (let d = -2; d <= 2; d++) for (let e = -2; e <= 2; e++) mark(row + d, col + e);
    }
  }
  if (version >= 7) {
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 3; j++) {
        mark(i, size - 11 + j);
        mark(size - 11 + j, i);
      }
    }
  }
  return r;
}

/** Syndromes of a block: all zero when it is a valid Reed–Solomon codeword. */
function syndromesZero(block: number[], ecc: number): boolean {
  const exp: number[] = [];
  let x = 1;
  for (let i = 0; i < 255; i++) {
    exp.push(x);
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  const log = new Array<number>(256).fill(0);
  exp.forEach((v, i) => (log[v] = i));
  const mul = (a: number, b: number) => (a === 0 || b === 0 ? 0 : exp[(log[a] + log[b]) % 255]);
  for (let i = 0; i < ecc; i++) {
    let s = 0;
    for (const c of block) s = mul(s, exp[i]) ^ c;
    if (s !== 0) return false;
  }
  return true;
}

function read(symbol: QrMatrix): { text: string; level: QrEcc; mask: number } {
  const m = symbol.modules;
  const size = m.length;
  const version = (size - 17) / 4;
  // Format: first copy around the top-left finder, bit 14 first.
  const coords: [number, number][] = [];
  for (let col = 0; col <= 5; col++) coords.push([8, col]);
  coords.push([8, 7], [8, 8], [7, 8]);
  for (let row = 5; row >= 0; row--) coords.push([row, 8]);
  let raw = 0;
  for (const [row, col] of coords) raw = (raw << 1) | (m[row][col] ? 1 : 0);
  const format = raw ^ 0b101010000010010;
  const level = LEVEL_OF_BITS[format >> 13];
  const mask = (format >> 10) & 7;
  // Data bits, two columns at a time from the right, snaking up and down.
  const res = reserved(version);
  const bits: number[] = [];
  let upward = true;
  for (let col = size - 1; col > 0; col -= 2) {
    if (col === 6) col--;
    for (let k = 0; k < size; k++) {
      const row = upward ? size - 1 - k : k;
      for (const c of [col, col - 1]) {
        if (res[row][c]) continue;
        bits.push((m[row][c] ? 1 : 0) ^ (MASK_TESTS[mask](row, c) ? 1 : 0));
      }
    }
    upward = !upward;
  }
  const codewords: number[] = [];
  for (let i = 0; i + 8 <= bits.length && codewords.length < TOTAL_CODEWORDS[version]; i += 8) {
    codewords.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  }
  // De-interleave: short blocks first, long ones one data codeword longer.
  const [eccLen, blocks] = BLOCK_TABLE[level][version];
  const total = TOTAL_CODEWORDS[version];
  const dataTotal = total - eccLen * blocks;
  const shortData = Math.floor(dataTotal / blocks);
  const longBlocks = dataTotal % blocks;
  const dataLen = Array.from({ length: blocks }, (_, b) => shortData + (b >= blocks - longBlocks ? 1 : 0));
  const parts: number[][] = dataLen.map(() => []);
  let k = 0;
  for (let i = 0; i < shortData + 1; i++) {
    for (let b = 0; b < blocks; b++) if (i < dataLen[b]) parts[b].push(codewords[k++]);
  }
  const eccParts: number[][] = dataLen.map(() => []);
  for (let i = 0; i < eccLen; i++) for (let b = 0; b < blocks; b++) eccParts[b].push(codewords[k++]);
  parts.forEach((p, b) => {
    if (!syndromesZero([...p, ...eccParts[b]], eccLen)) throw new Error(`block ${b} fails its Reed–Solomon check`);
  });
  // Data: one segment (numeric, alphanumeric or byte).
  const dataBits = parts.flat().flatMap((byte) => bin(byte, 8).split('').map(Number));
  let p = 0;
  const take = (n: number) => {
    const v = dataBits.slice(p, p + n).reduce((a, b) => (a << 1) | b, 0);
    p += n;
    return v;
  };
  const mode = take(4);
  const big = version >= 10;
  let text = '';
  if (mode === 1) {
    const count = take(big ? 12 : 10);
    for (let left = count; left > 0; left -= 3) {
      const n = Math.min(3, left);
      text += String(take(n * 3 + 1)).padStart(n, '0');
    }
  } else if (mode === 2) {
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    const count = take(big ? 11 : 9);
    for (let left = count; left > 0; left -= 2) {
      if (left >= 2) {
        const v = take(11);
        text += chars[Math.floor(v / 45)] + chars[v % 45];
      } else text += chars[take(6)];
    }
  } else if (mode === 4) {
    const count = take(big ? 16 : 8);
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(take(8));
    text = new TextDecoder().decode(new Uint8Array(out));
  } else throw new Error(`unexpected mode ${mode}`);
  return { text, level, mask };
}

function finderAt(m: boolean[][], top: number, left: number): boolean {
  for (let dy = 0; dy < 7; dy++) {
    for (let dx = 0; dx < 7; dx++) {
      const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
      if (m[top + dy][left + dx] !== (ring !== 2)) return false;
    }
  }
  return true;
}

describe('QR encoder', () => {
  it('makes the data and error-correction codewords of the standard’s worked example (01234567, 1-M)', () => {
    const data = encodeDataCodewords('01234567', 1, 'M');
    expect(data).toEqual(
      bytes(
        '00010000 00100000 00001100 01010110 01100001 10000000 11101100 00010001 11101100 00010001 11101100 00010001 11101100 00010001 11101100 00010001',
      ),
    );
    expect(rsRemainder(data!, 10)).toEqual(
      bytes('10100101 00100100 11010100 11000001 11101101 00110110 11000111 10000111 00101100 01010101'),
    );
    expect(addEccAndInterleave(data!, 1, 'M')).toHaveLength(26);
  });

  it('writes the published format and version information', () => {
    expect(bin(formatBits('M', 0), 15)).toBe('101010000010010');
    expect(bin(formatBits('M', 5), 15)).toBe('100000011001110');
    expect(bin(formatBits('L', 4), 15)).toBe('110011000101111');
    expect(bin(versionBits(7), 18)).toBe('000111110010010100');
    expect(bin(versionBits(10), 18)).toBe('001010010011010011');
    expect(alignmentPositions(2)).toEqual([6, 18]);
    expect(alignmentPositions(7)).toEqual([6, 22, 38]);
    expect(alignmentPositions(10)).toEqual([6, 28, 50]);
  });

  it('draws a 6-digit pickup code as a 21×21 version 1 symbol with finders, timing and the dark module', () => {
    const qr = encodeQr('482915');
    expect(qr.version).toBe(1);
    expect(qr.size).toBe(21);
    expect(qr.modules).toHaveLength(21);
    expect(qr.modules.every((row) => row.length === 21)).toBe(true);
    expect(finderAt(qr.modules, 0, 0)).toBe(true);
    expect(finderAt(qr.modules, 0, 14)).toBe(true);
    expect(finderAt(qr.modules, 14, 0)).toBe(true);
    for (let i = 8; i <= 12; i++) {
      expect(qr.modules[6][i]).toBe(i % 2 === 0);
      expect(qr.modules[i][6]).toBe(i % 2 === 0);
    }
    expect(qr.modules[21 - 8][8]).toBe(true);
    // Both copies of the format information carry the same 15 bits.
    const first = [
      ...[0, 1, 2, 3, 4, 5, 7, 8].map((col) => qr.modules[8][col]),
      ...[7, 5, 4, 3, 2, 1, 0].map((row) => qr.modules[row][8]),
    ];
    const second = [
      ...[20, 19, 18, 17, 16, 15, 14].map((row) => qr.modules[row][8]),
      ...[13, 14, 15, 16, 17, 18, 19, 20].map((col) => qr.modules[8][col]),
    ];
    expect(second).toEqual(first);
    const bits = first.map((dark) => (dark ? '1' : '0')).join('');
    expect(bits).toBe(bin(formatBits('M', qr.mask), 15)); // bit 14 first, at row 8 column 0
  });

  it('reads back what it wrote, for every mask, level and mode, up to version 10', () => {
    const samples = [
      '000000',
      '482915',
      '01234567',
      'PICKUP 42',
      'https://example.org/a?b=1',
      '取餐码 123456',
      'x'.repeat(200),
    ];
    for (const text of samples) {
      for (const level of ['L', 'M', 'Q', 'H'] as QrEcc[]) {
        let symbol: QrMatrix;
        try {
          symbol = encodeQr(text, level);
        } catch {
          expect(text.length).toBeGreaterThan(100); // only the long one may not fit at high levels
          continue;
        }
        expect(read(symbol)).toEqual({ text, level, mask: symbol.mask });
        for (let mask = 0; mask < 8; mask++) expect(read(encodeQr(text, level, mask)).text).toBe(text);
      }
    }
  });

  it('picks the smallest version that holds the text and refuses what no version 1–10 holds', () => {
    expect(encodeQr('1'.repeat(34), 'M').version).toBe(1);
    expect(encodeQr('1'.repeat(35), 'M').version).toBe(2);
    expect(encodeQr('a'.repeat(14), 'M').version).toBe(1);
    expect(encodeQr('a'.repeat(15), 'M').version).toBe(2);
    expect(encodeQr('a'.repeat(213), 'M').version).toBe(10);
    expect(() => encodeQr('a'.repeat(300), 'M')).toThrow();
  });
});
