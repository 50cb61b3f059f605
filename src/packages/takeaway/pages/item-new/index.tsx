import { useRouter } from '@tarojs/taro';
import { PageRoot } from '@/components/PageRoot';
import { NewItemScreen } from '@/features/takeaway';

export default function NewTakeawayItemPage() {
  const { params } = useRouter();
  return (
    <PageRoot>
      <NewItemScreen canteenId={params.canteenId ?? ''} date={params.date ?? ''} />
    </PageRoot>
  );
}
