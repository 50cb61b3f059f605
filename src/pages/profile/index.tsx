import { PageRoot } from '@/components/PageRoot';
import { ProfileScreen } from '@/features/profile';

export default function ProfilePage() {
  return (
    <PageRoot>
      <ProfileScreen />
    </PageRoot>
  );
}
