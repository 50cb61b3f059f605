import { PageRoot } from '@/components/PageRoot';
import { HeadcountScreen } from '@/features/headcount';

export default function HeadcountPage() {
  return (
    <PageRoot>
      <HeadcountScreen />
    </PageRoot>
  );
}
