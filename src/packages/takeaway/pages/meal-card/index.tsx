import Taro from '@tarojs/taro';
import { PageRoot } from '@/components/PageRoot';
import { MealCardScreen } from '@/features/meal-card';
import { TAKEAWAY_PAGES } from '@/features/takeaway';

const openOrder = (orderId: string) => void Taro.navigateTo({ url: TAKEAWAY_PAGES.order(orderId) });

export default function MealCardPage() {
  return (
    <PageRoot>
      <MealCardScreen onOpenOrder={openOrder} />
    </PageRoot>
  );
}
