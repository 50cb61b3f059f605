import { Text, View } from '@tarojs/components';
import { useRequireSession } from '@/features/session';
import { Loading } from '@/shared/ui/StatusView';
import { openMailboxPage } from '../routes';
import { LetterList } from './LetterList';
import './mailbox.css';

/** 我的信件: 写信, (admins) 收件箱, and the letters I wrote with their status. */
export function LettersScreen() {
  const me = useRequireSession();
  if (!me) return <Loading />;
  return (
    <View className="mb">
      <View className="mb-actions">
        <View
          className="button button--primary tap mb-actions__main"
          ariaRole="button"
          onClick={() => openMailboxPage('write')}
        >
          写信
        </View>
        {me.roles.includes('admin') ? (
          <View className="button button--plain tap" ariaRole="button" onClick={() => openMailboxPage('inbox')}>
            收件箱
          </View>
        ) : null}
      </View>
      <Text className="mb-section">我的信件</Text>
      <LetterList box="mine" emptyTitle="还没有写过信" emptyHint="有建议或意见，点“写信”告诉我们" />
    </View>
  );
}
