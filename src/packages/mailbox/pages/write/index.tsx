import { PageRoot } from '@/components/PageRoot';
import { WriteScreen } from '@/features/mailbox';

export default function MailboxWritePage() {
  return (
    <PageRoot>
      <WriteScreen />
    </PageRoot>
  );
}
