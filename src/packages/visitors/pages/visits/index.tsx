import { PageRoot } from '@/components/PageRoot';
import { VisitsScreen } from '@/features/visitors';

export default function VisitorsVisitsPage() {
  return (
    <PageRoot>
      <VisitsScreen />
    </PageRoot>
  );
}
