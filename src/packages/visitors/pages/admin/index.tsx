import { PageRoot } from '@/components/PageRoot';
import { AdminScreen } from '@/features/visitors';

export default function VisitorsAdminPage() {
  return (
    <PageRoot>
      <AdminScreen />
    </PageRoot>
  );
}
