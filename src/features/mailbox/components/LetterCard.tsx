import { Text, View } from '@tarojs/components';
import type { Letter } from '@contract/mailbox.schema';
import { formatListTime } from '@/shared/time';
import { openMailboxPage } from '../routes';
import { STATUS_LABELS, writerLabel } from '../vocab';

/**
 * One letter in a list: category, status, the start of its body, when; in the inbox, from whom.
 * Its accessible name is what it shows (a shorter label would hide the visible text).
 */
export function LetterCard({ letter, showWriter }: { letter: Letter; showWriter: boolean }) {
  const status = STATUS_LABELS[letter.status];
  return (
    <View className="mb-card tap" ariaRole="button" onClick={() => openMailboxPage('letter', { id: letter.id })}>
      <View className="mb-card__head">
        <Text className="mb-card__category">{letter.category.name}</Text>
        <Text className={`mb-tag mb-tag--${letter.status}`}>{status}</Text>
      </View>
      <Text className="mb-card__body">{letter.body}</Text>
      <View className="mb-card__foot">
        <Text>{showWriter ? writerLabel(letter) : letter.anonymous ? '匿名' : ''}</Text>
        <Text>{formatListTime(letter.createdAt)}</Text>
      </View>
    </View>
  );
}
