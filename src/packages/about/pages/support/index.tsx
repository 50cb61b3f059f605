import { PageRoot } from '@/components/PageRoot';
import { SupportScreen } from '@/features/profile/about';

export default function SupportPage() {
  return (
    <PageRoot>
      <SupportScreen />
    </PageRoot>
  );
}
