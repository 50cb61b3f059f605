import { PageRoot } from '@/components/PageRoot';
import { SignInScreen } from '@/features/session';

export default function SignInPage() {
  return (
    <PageRoot>
      <SignInScreen />
    </PageRoot>
  );
}
