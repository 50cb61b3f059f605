import { PageRoot } from '@/components/PageRoot';
import { BookingsScreen } from '@/features/parking';

export default function ParkingBookingsPage() {
  return (
    <PageRoot>
      <BookingsScreen />
    </PageRoot>
  );
}
