import { PageRoot } from '@/components/PageRoot';
import { ItemsScreen } from '@/features/takeaway';

export default function TakeawayItemsPage() {
  return (
    <PageRoot>
      <ItemsScreen />
    </PageRoot>
  );
}
