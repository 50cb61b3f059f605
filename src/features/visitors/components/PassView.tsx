import { Text, View } from '@tarojs/components';
import { QrCode } from '@/shared/ui/qr/QrCode';
import type { CachedPass } from '../pass-cache';
import { windowText } from '../vocab';

/** The pass: QR and short code, the host, place and time, my name masked. Works from the device's copy. */
export function PassView({ pass, offline }: { pass: CachedPass; offline?: boolean }) {
  return (
    <View className="card vs-pass">
      <Text className="ui-section-title">访客通行码</Text>
      <QrCode value={pass.pass.qr} size={220} label={`访客通行码，短码 ${pass.pass.code}`} />
      <Text className="vs-pass__code">{pass.pass.code}</Text>
      <Text className="vs-pass__line">{`${pass.visitor.name ?? ''} · 拜访 ${pass.host.name}`}</Text>
      <Text className="text-muted">{pass.place}</Text>
      <Text className="vs-pass__line">{windowText(pass)}</Text>
      <Text className="text-muted">仅在来访时段内有效（前后各宽限 30 分钟），请向门岗出示</Text>
      {offline ? <Text className="vs-flag">当前无网络，显示的是本机保存的通行码</Text> : null}
    </View>
  );
}
