import { PageRoot } from '@/components/PageRoot';
import { MenuScreen } from '@/features/canteen';

export default function MenuPage() {
  return (
    <PageRoot>
      <MenuScreen />
    </PageRoot>
  );
}
