import { PageRoot } from '@/components/PageRoot';
import { PeopleScreen } from '@/features/people-admin';

export default function PeopleAdminPage() {
  return (
    <PageRoot>
      <PeopleScreen />
    </PageRoot>
  );
}
