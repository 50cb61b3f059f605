import { useRouter } from '@tarojs/taro';
import { PageRoot } from '@/components/PageRoot';
import { RepairerScreen } from '@/features/repairs';

export default function RepairsRepairerPage() {
  const personId = useRouter().params.personId ?? '';
  return (
    <PageRoot>
      <RepairerScreen personId={personId} />
    </PageRoot>
  );
}
