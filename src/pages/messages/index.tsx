import { PageRoot } from '@/components/PageRoot';
import { MessagesScreen } from '@/features/messages';

export default function MessagesPage() {
  return (
    <PageRoot>
      <MessagesScreen />
    </PageRoot>
  );
}
