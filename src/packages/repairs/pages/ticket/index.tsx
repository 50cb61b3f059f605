import { useRouter } from '@tarojs/taro';
import { PageRoot } from '@/components/PageRoot';
import { TicketScreen } from '@/features/repairs';

export default function RepairsTicketPage() {
  const id = useRouter().params.id ?? '';
  return (
    <PageRoot>
      <TicketScreen id={id} />
    </PageRoot>
  );
}
