import { PageRoot } from '@/components/PageRoot';
import { ForecastScreen } from '@/features/canteen';

export default function ForecastPage() {
  return (
    <PageRoot>
      <ForecastScreen />
    </PageRoot>
  );
}
