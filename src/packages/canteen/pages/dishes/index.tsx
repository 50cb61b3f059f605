import { PageRoot } from '@/components/PageRoot';
import { DishLibraryScreen } from '@/features/canteen';

export default function DishesPage() {
  return (
    <PageRoot>
      <DishLibraryScreen />
    </PageRoot>
  );
}
