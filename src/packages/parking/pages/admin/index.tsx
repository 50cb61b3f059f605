import { PageRoot } from '@/components/PageRoot';
import { AdminScreen } from '@/features/parking';

export default function ParkingAdminPage() {
  return (
    <PageRoot>
      <AdminScreen />
    </PageRoot>
  );
}
