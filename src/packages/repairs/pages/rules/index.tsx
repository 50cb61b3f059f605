import { PageRoot } from '@/components/PageRoot';
import { RulesScreen } from '@/features/repairs';

export default function RepairsRulesPage() {
  return (
    <PageRoot>
      <RulesScreen />
    </PageRoot>
  );
}
