import { PageRoot } from '@/components/PageRoot';
import { AboutScreen } from '@/features/profile/about';

export default function AboutPage() {
  return (
    <PageRoot>
      <AboutScreen />
    </PageRoot>
  );
}
