import { PageRoot } from '@/components/PageRoot';
import { BookScreen } from '@/features/parking';

export default function ParkingBookPage() {
  return (
    <PageRoot>
      <BookScreen />
    </PageRoot>
  );
}
