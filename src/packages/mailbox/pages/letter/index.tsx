import { PageRoot } from '@/components/PageRoot';
import { LetterScreen } from '@/features/mailbox';

export default function MailboxLetterPage() {
  return (
    <PageRoot>
      <LetterScreen />
    </PageRoot>
  );
}
