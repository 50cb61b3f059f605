import { PageRoot } from '@/components/PageRoot';
import { TicketsScreen } from '@/features/repairs';

export default function RepairsTicketsPage() {
  return (
    <PageRoot>
      <TicketsScreen />
    </PageRoot>
  );
}
