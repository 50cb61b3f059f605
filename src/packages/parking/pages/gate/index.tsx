import { PageRoot } from '@/components/PageRoot';
import { GateScreen } from '@/features/parking';

export default function ParkingGatePage() {
  return (
    <PageRoot>
      <GateScreen />
    </PageRoot>
  );
}
