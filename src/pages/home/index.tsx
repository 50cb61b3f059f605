import { PageRoot } from '@/components/PageRoot';
import { UnreadBadge } from '@/features/messages';
import { HomeScreen } from '@/features/home';

export default function HomePage() {
  return (
    <PageRoot>
      <HomeScreen />
      <UnreadBadge />
    </PageRoot>
  );
}
