import { PageRoot } from '@/components/PageRoot';
import { BoardScreen } from '@/features/takeaway';

export default function CanteenBoardPage() {
  return (
    <PageRoot>
      <BoardScreen />
    </PageRoot>
  );
}
