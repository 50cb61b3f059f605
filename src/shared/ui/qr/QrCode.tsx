import { useMemo } from 'react';
import { View } from '@tarojs/components';
import { encodeQr, type QrEcc } from './encode';

/** Light modules kept around the symbol, as the standard asks (4). */
const QUIET_ZONE = 4;

/**
 * A QR code drawn as Views: one row per module row, each run of dark modules one View, so a
 * version 1 symbol is a few hundred nodes and renders the same on WeChat and H5 (no canvas).
 */
export function QrCode({
  value,
  size = 200,
  ecc = 'M',
  label,
}: {
  value: string;
  size?: number;
  ecc?: QrEcc;
  label?: string;
}) {
  const qr = useMemo(() => encodeQr(value, ecc), [value, ecc]);
  const modules = qr.size + QUIET_ZONE * 2;
  const cell = Math.max(1, Math.floor(size / modules));
  const side = cell * modules;
  return (
    <View
      className="qr"
      ariaRole="img"
      ariaLabel={label ?? `二维码：${value}`}
      data-version={qr.version}
      style={{
        width: `${side}px`,
        height: `${side}px`,
        padding: `${cell * QUIET_ZONE}px`,
        boxSizing: 'border-box',
        background: '#ffffff',
      }}
    >
      {qr.modules.map((row, y) => (
        <View key={y} style={{ display: 'flex', height: `${cell}px` }}>
          {runs(row).map(([dark, length], i) => (
            <View
              key={i}
              style={{
                flexShrink: 0,
                width: `${cell * length}px`,
                height: `${cell}px`,
                background: dark ? '#000000' : 'transparent',
              }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}

/** A row as [dark, length] runs. */
function runs(row: readonly boolean[]): [boolean, number][] {
  const out: [boolean, number][] = [];
  for (const dark of row) {
    const last = out[out.length - 1];
    if (last && last[0] === dark) last[1] += 1;
    else out.push([dark, 1]);
  }
  return out;
}
