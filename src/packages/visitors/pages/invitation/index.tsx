import { PageRoot } from '@/components/PageRoot';
import { InvitationScreen } from '@/features/visitors';

export default function VisitorsInvitationPage() {
  return (
    <PageRoot>
      <InvitationScreen />
    </PageRoot>
  );
}
