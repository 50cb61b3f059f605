import { PageRoot } from '@/components/PageRoot';
import { PolicyScreen, PRIVACY_POLICY } from '@/features/profile/about';

export default function PrivacyPage() {
  return (
    <PageRoot>
      <PolicyScreen doc={PRIVACY_POLICY} />
    </PageRoot>
  );
}
