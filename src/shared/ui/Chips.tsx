import { Text, View } from '@tarojs/components';
import './kit.css';

export interface ChipOption<T extends string> {
  value: T;
  label: string;
  /** A second line (what is left, a time). */
  hint?: string;
  disabled?: boolean;
}

/**
 * One value out of a few (a day, a slot, a category): a `radiogroup` whose every option carries
 * `aria-checked`, so the choice is read out without extra words in the label.
 */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  label,
  small,
  className,
}: {
  options: readonly ChipOption<T>[];
  value: T | null | undefined;
  onChange: (value: T) => void;
  label: string;
  small?: boolean;
  className?: string;
}) {
  return (
    <View className={`ui-chips${className ? ` ${className}` : ''}`} ariaRole="radiogroup" ariaLabel={label}>
      {options.map((option) => {
        const on = option.value === value;
        const classes = [
          'ui-chip tap',
          option.hint ? 'ui-chip--hinted' : '',
          small ? 'ui-chip--small' : '',
          on ? 'ui-chip--on' : '',
          option.disabled ? 'ui-chip--off' : '',
        ];
        return (
          <View
            key={option.value}
            className={classes.filter(Boolean).join(' ')}
            ariaRole="radio"
            ariaLabel={option.hint ? `${option.label}，${option.hint}` : option.label}
            aria-checked={on}
            aria-disabled={option.disabled ? true : undefined}
            onClick={() => {
              if (!option.disabled) onChange(option.value);
            }}
          >
            <Text>{option.label}</Text>
            {option.hint ? <Text className="ui-chip__hint">{option.hint}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
