import { PageRoot } from '@/components/PageRoot';
import { CanteenSettingsScreen } from '@/features/canteen';

export default function SettingsPage() {
  return (
    <PageRoot>
      <CanteenSettingsScreen />
    </PageRoot>
  );
}
