import { PageRoot } from '@/components/PageRoot';
import { ShopScreen } from '@/features/takeaway';

export default function TakeawayShopPage() {
  return (
    <PageRoot>
      <ShopScreen />
    </PageRoot>
  );
}
