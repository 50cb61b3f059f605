import { PageRoot } from '@/components/PageRoot';
import { InboxScreen } from '@/features/mailbox';

export default function MailboxInboxPage() {
  return (
    <PageRoot>
      <InboxScreen />
    </PageRoot>
  );
}
