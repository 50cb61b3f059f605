import { PageRoot } from '@/components/PageRoot';
import { UnreadBadge } from '@/features/messages';
import { ProfileScreen } from '@/features/profile';

export default function ProfilePage() {
  return (
    <PageRoot>
      <ProfileScreen />
      <UnreadBadge />
    </PageRoot>
  );
}
