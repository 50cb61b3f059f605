import { PageRoot } from '@/components/PageRoot';
import { TasksScreen } from '@/features/repairs';

export default function RepairsTasksPage() {
  return (
    <PageRoot>
      <TasksScreen />
    </PageRoot>
  );
}
