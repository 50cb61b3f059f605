import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { Letter } from '@contract/mailbox.schema';
import { formatInstant } from '@/shared/time';
import { useRequireSession } from '@/features/session';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { photoSrc } from '@/features/canteen/vocab';
import { selectLetter, selectLetterError, selectLetterStatus, selectOpenLetter, useMailbox } from '../store';
import { STATUS_LABELS, writerLabel } from '../vocab';
import { RatingPanel } from './RatingPanel';
import { ReplyForm } from './ReplyForm';
import './mailbox.css';

function LetterBody({ letter }: { letter: Letter }) {
  const urls = letter.photoUrls.map((url) => photoSrc(url) ?? '');
  const preview = (current: string) => void Taro.previewImage({ urls, current }).catch(() => undefined);
  return (
    <View className="mb-panel">
      <View className="mb-card__head">
        <Text className="mb-card__category">{letter.category.name}</Text>
        <Text className={`mb-tag mb-tag--${letter.status}`}>{STATUS_LABELS[letter.status]}</Text>
      </View>
      <Text className="text-muted">
        {letter.mine ? '我的来信' : writerLabel(letter)} · {formatInstant(letter.createdAt)}
      </Text>
      {letter.mine && letter.anonymous ? <Text className="text-muted">匿名来信：处理人员看不到您的姓名</Text> : null}
      <Text className="mb-text">{letter.body}</Text>
      {letter.photoUrls.length ? (
        <View className="mb-photos">
          {urls.map((src, i) => (
            <Image
              key={src}
              className="mb-photos__img"
              src={src}
              mode="aspectFill"
              lazyLoad
              ariaLabel={`来信图片 ${i + 1}，点按查看大图`}
              onClick={() => preview(src)}
            />
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** One letter: its body and photos, the reply (or, for the admin it is routed to, the reply form), the rating. */
export function LetterScreen() {
  const me = useRequireSession();
  const id = useRouter().params.id ?? '';
  const letter = useMailbox(selectLetter);
  const status = useMailbox(selectLetterStatus);
  const error = useMailbox(selectLetterError);
  const open = useMailbox(selectOpenLetter);

  useDidShow(() => void open(id));
  // The writer waiting for a reply pulls down to see whether it has come.
  usePullDownRefresh(() => void open(id).finally(() => void Taro.stopPullDownRefresh()));

  if (!me || status === 'idle' || status === 'loading' || (status === 'ready' && letter?.id !== id)) {
    return <Loading />;
  }
  if (status === 'error' || !letter) return <LoadError message={error} onRetry={() => void open(id)} />;
  return (
    <View className="mb">
      <LetterBody letter={letter} />
      {letter.reply ? (
        <View className="mb-panel mb-reply">
          <Text className="mb-label">回复</Text>
          <Text className="text-muted">
            {letter.reply.by} · {formatInstant(letter.reply.at)}
          </Text>
          <Text className="mb-text">{letter.reply.body}</Text>
        </View>
      ) : letter.mine ? (
        <View className="mb-panel">
          <Text className="text-muted">等待回复中，回复后会在“消息”里通知您</Text>
        </View>
      ) : (
        <ReplyForm letterId={letter.id} />
      )}
      {letter.mine && letter.reply ? <RatingPanel letter={letter} /> : null}
    </View>
  );
}
