import { PageRoot } from '@/components/PageRoot';
import { InviteScreen } from '@/features/visitors';

export default function VisitorsInvitePage() {
  return (
    <PageRoot>
      <InviteScreen />
    </PageRoot>
  );
}
