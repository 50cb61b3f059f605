import { PageRoot } from '@/components/PageRoot';
import { VisitScreen } from '@/features/visitors';

export default function VisitorsVisitPage() {
  return (
    <PageRoot>
      <VisitScreen />
    </PageRoot>
  );
}
