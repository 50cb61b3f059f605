import { PageRoot } from '@/components/PageRoot';
import { GateScreen } from '@/features/visitors';

export default function VisitorsGatePage() {
  return (
    <PageRoot>
      <GateScreen />
    </PageRoot>
  );
}
