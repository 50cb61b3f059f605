import { PageRoot } from '@/components/PageRoot';
import { WalkInScreen } from '@/features/visitors';

export default function VisitorsWalkInPage() {
  return (
    <PageRoot>
      <WalkInScreen />
    </PageRoot>
  );
}
