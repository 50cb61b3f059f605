import { PageRoot } from '@/components/PageRoot';
import { ReportScreen } from '@/features/repairs';

export default function RepairsReportPage() {
  return (
    <PageRoot>
      <ReportScreen />
    </PageRoot>
  );
}
