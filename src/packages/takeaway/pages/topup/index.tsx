import { PageRoot } from '@/components/PageRoot';
import { TopupScreen } from '@/features/meal-card';

export default function MealCardTopupPage() {
  return (
    <PageRoot>
      <TopupScreen />
    </PageRoot>
  );
}
