import { PageRoot } from '@/components/PageRoot';
import { ApplyScreen } from '@/features/visitors';

export default function VisitorsApplyPage() {
  return (
    <PageRoot>
      <ApplyScreen />
    </PageRoot>
  );
}
