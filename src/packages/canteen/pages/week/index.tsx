import { PageRoot } from '@/components/PageRoot';
import { WeekScreen } from '@/features/canteen';

export default function WeekPage() {
  return (
    <PageRoot>
      <WeekScreen />
    </PageRoot>
  );
}
