import { PageRoot } from '@/components/PageRoot';
import { BoardScreen } from '@/features/repairs';

export default function RepairsBoardPage() {
  return (
    <PageRoot>
      <BoardScreen />
    </PageRoot>
  );
}
