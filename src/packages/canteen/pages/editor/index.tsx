import { PageRoot } from '@/components/PageRoot';
import { MenuEditorScreen } from '@/features/canteen';

export default function MenuEditorPage() {
  return (
    <PageRoot>
      <MenuEditorScreen />
    </PageRoot>
  );
}
