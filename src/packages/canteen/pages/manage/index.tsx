import { PageRoot } from '@/components/PageRoot';
import { ManageScreen } from '@/features/canteen';

export default function ManagePage() {
  return (
    <PageRoot>
      <ManageScreen />
    </PageRoot>
  );
}
