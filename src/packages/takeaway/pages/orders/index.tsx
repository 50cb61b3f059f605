import { PageRoot } from '@/components/PageRoot';
import { OrdersScreen } from '@/features/takeaway';

export default function TakeawayOrdersPage() {
  return (
    <PageRoot>
      <OrdersScreen />
    </PageRoot>
  );
}
