import { Input, Text, View } from '@tarojs/components';
import { checkPlate } from '@contract/plate';
import { FormRow } from '@/shared/ui/FormRow';
import { inputValue } from '../vocab';

/**
 * A plate typed by hand and checked as typed by the rule the BFF applies, with one action that is
 * offered only once the text reads as a plate; the action gets the plate as the BFF will store it
 * (upper case, half-width, no spaces). Used to add one's car and at the gate console.
 */
export function PlateEntry({
  label,
  hint,
  placeholder,
  inputLabel,
  action,
  value,
  onInput,
  onSubmit,
  showReading = false,
}: {
  label: string;
  hint: string;
  placeholder: string;
  /** The input's name for screen readers (not `ariaLabel`: Taro's compiler renames that attribute on every element, components too). */
  inputLabel: string;
  /** The action's words (Chinese). */
  action: string;
  value: string;
  onInput: (text: string) => void;
  onSubmit: (plate: string) => void | Promise<void>;
  /** Also show the plate as it was read (识别为 …). */
  showReading?: boolean;
}) {
  const check = value.trim() ? checkPlate(value) : null;
  return (
    <FormRow label={label} hint={hint} error={check && !check.ok ? '车牌号格式不正确' : null}>
      <View className="pk-row">
        <Input
          className="ui-input ui-input--grow"
          value={value}
          maxlength={20}
          placeholder={placeholder}
          ariaLabel={inputLabel}
          onInput={(e) => onInput(inputValue(e))}
        />
        <View
          className={`ui-small-button tap${check?.ok ? '' : ' ui-small-button--off'}`}
          ariaRole="button"
          aria-disabled={check?.ok ? undefined : true}
          onClick={() => {
            if (check?.ok) void onSubmit(check.plate);
          }}
        >
          {action}
        </View>
      </View>
      {showReading && check?.ok ? <Text className="text-muted">{`识别为 ${check.plate}`}</Text> : null}
    </FormRow>
  );
}
