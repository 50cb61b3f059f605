import { useRouter } from '@tarojs/taro';
import { PageRoot } from '@/components/PageRoot';
import { OrderDetailScreen } from '@/features/takeaway';
import { QrCode } from '@/shared/ui/qr/QrCode';

const renderQr = (code: string) => <QrCode value={code} size={200} label={`取餐二维码 ${code}`} />;

export default function TakeawayOrderPage() {
  const { params } = useRouter();
  return (
    <PageRoot>
      <OrderDetailScreen id={params.id ?? ''} placed={params.placed === '1'} renderQr={renderQr} />
    </PageRoot>
  );
}
