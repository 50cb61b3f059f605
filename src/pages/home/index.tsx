import { PageRoot } from '@/components/PageRoot';
import { HomeScreen } from '@/features/home';

export default function HomePage() {
  return (
    <PageRoot>
      <HomeScreen />
    </PageRoot>
  );
}
