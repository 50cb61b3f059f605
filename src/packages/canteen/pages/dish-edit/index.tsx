import { PageRoot } from '@/components/PageRoot';
import { DishEditScreen } from '@/features/canteen';

export default function DishEditPage() {
  return (
    <PageRoot>
      <DishEditScreen />
    </PageRoot>
  );
}
