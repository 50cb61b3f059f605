import { PageRoot } from '@/components/PageRoot';
import { NotFoundScreen } from '@/features/profile/about';

export default function NotFoundPage() {
  return (
    <PageRoot>
      <NotFoundScreen />
    </PageRoot>
  );
}
