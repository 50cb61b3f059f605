import { useRouter } from '@tarojs/taro';
import { PageRoot } from '@/components/PageRoot';
import { PersonScreen } from '@/features/people-admin';

export default function PersonRolesPage() {
  const { params } = useRouter();
  return (
    <PageRoot>
      <PersonScreen personId={params.id ?? ''} />
    </PageRoot>
  );
}
