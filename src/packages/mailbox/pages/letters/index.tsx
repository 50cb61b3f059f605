import { PageRoot } from '@/components/PageRoot';
import { LettersScreen } from '@/features/mailbox';

export default function MailboxLettersPage() {
  return (
    <PageRoot>
      <LettersScreen />
    </PageRoot>
  );
}
