import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './kit.css';

/** ‹ a day or a week › : steps through dates, with what is shown in the middle. */
export function DayBar({
  title,
  children,
  prevLabel,
  nextLabel,
  onPrev,
  onNext,
  prevDisabled,
}: {
  title: string;
  /** Under the title (a day tag, a week name). */
  children?: ReactNode;
  prevLabel: string;
  nextLabel: string;
  onPrev: () => void;
  onNext: () => void;
  /** No going back (e.g. before today). */
  prevDisabled?: boolean;
}) {
  return (
    <View className="ui-daybar">
      <View
        className={`ui-daybar__arrow tap${prevDisabled ? ' ui-daybar__arrow--off' : ''}`}
        ariaRole="button"
        ariaLabel={prevLabel}
        aria-disabled={prevDisabled ? true : undefined}
        onClick={prevDisabled ? undefined : onPrev}
      >
        ‹
      </View>
      <View className="ui-daybar__mid">
        <Text className="ui-daybar__title">{title}</Text>
        {children}
      </View>
      <View className="ui-daybar__arrow tap" ariaRole="button" ariaLabel={nextLabel} onClick={onNext}>
        ›
      </View>
    </View>
  );
}
