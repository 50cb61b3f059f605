import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Letter } from '@contract/mailbox.schema';
import { errorMessage } from '@/shared/http';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { selectRate, useMailbox } from '../store';
import { SCORE_LABELS } from '../vocab';

/** The writer rates the reply 1–5, once, after confirming; afterwards it shows 已评价. */
export function RatingPanel({ letter }: { letter: Letter }) {
  const rate = useMailbox(selectRate);
  const [score, setScore] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rated = letter.score;
  const shown = rated ?? score;

  const send = async () => {
    setConfirming(false);
    setSending(true);
    try {
      await rate(letter.id, score);
      void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="mb-panel">
      <View className="mb-card__head">
        <Text className="mb-label">{rated === null ? '为这次回复评分' : '我的评价'}</Text>
        {rated === null ? null : <Text className="mb-tag mb-tag--replied">已评价</Text>}
      </View>
      <View className="mb-stars" ariaRole="radiogroup" ariaLabel="评分">
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            className={`mb-stars__star tap${n <= shown ? ' mb-stars__star--on' : ''}`}
            ariaRole="radio"
            ariaLabel={`${n} 分`}
            aria-checked={n === shown}
            aria-disabled={rated !== null}
            onClick={() => (rated === null ? setScore(n) : undefined)}
          >
            ★
          </View>
        ))}
      </View>
      {shown ? <Text className="text-muted">{SCORE_LABELS[shown - 1]}</Text> : null}
      {error ? <Text className="mb-error">{error}</Text> : null}
      {rated === null ? (
        <View
          className={`button button--primary tap mb-submit${score ? '' : ' mb-submit--busy'}`}
          ariaRole="button"
          aria-disabled={!score || sending}
          onClick={() => (score && !sending ? setConfirming(true) : setError(score ? null : '请先选择分数'))}
        >
          {sending ? '提交中…' : '提交评价'}
        </View>
      ) : null}
      <ConfirmDialog
        visible={confirming}
        title="提交评价"
        content={`评为 ${score} 分（${SCORE_LABELS[Math.max(score, 1) - 1]}）。评价只能提交一次，确定吗？`}
        confirmText="提交"
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
