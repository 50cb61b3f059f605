import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage } from '@/shared/http';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { selectReply, useMailbox } from '../store';
import { BodyField } from './BodyField';

/** The admin's reply to a letter routed to them: written, confirmed, sent once. */
export function ReplyForm({ letterId }: { letterId: string }) {
  const reply = useMailbox(selectReply);
  const [body, setBody] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const ask = () => {
    if (!body.trim()) return setError('请填写回复内容');
    setError(null);
    setConfirming(true);
  };

  const send = async () => {
    setConfirming(false);
    setSending(true);
    try {
      await reply(letterId, body.trim());
      void Taro.showToast({ title: '已回复', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="mb-panel">
      <Text className="mb-label">回复</Text>
      <BodyField
        value={body}
        label="回复内容"
        placeholder="写下处理结果或答复，回复后写信人会收到通知"
        onChange={setBody}
      />
      {error ? <Text className="mb-error">{error}</Text> : null}
      <View
        className="button button--primary tap mb-submit"
        ariaRole="button"
        aria-disabled={sending}
        onClick={() => (sending ? undefined : ask())}
      >
        {sending ? '发送中…' : '发送回复'}
      </View>
      <ConfirmDialog
        visible={confirming}
        title="发送回复"
        content="回复发出后不能修改，写信人会收到通知。确定发送吗？"
        confirmText="发送"
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
