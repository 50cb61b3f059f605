import { PageRoot } from '@/components/PageRoot';
import { PolicyScreen, USER_AGREEMENT } from '@/features/profile/about';

export default function TermsPage() {
  return (
    <PageRoot>
      <PolicyScreen doc={USER_AGREEMENT} />
    </PageRoot>
  );
}
