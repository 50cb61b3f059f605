import { Input, Text, Textarea, View } from '@tarojs/components';
import { inputValue } from '@/features/meal-card/input-value';
import { FormRow } from '@/shared/ui/FormRow';

/**
 * One labelled text field of a visitors form (the kit's FormRow around a Taro input). Taro puts
 * `ariaLabel` on its wrapper, not on the native input, so every input also gets a placeholder that
 * names it (what axe reads as the input's label).
 */
export function Field({
  label,
  value,
  onChange,
  placeholder,
  hint,
  error,
  maxlength,
  type = 'text',
  multiline,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  error?: string | null;
  maxlength?: number;
  type?: 'text' | 'number' | 'idcard';
  multiline?: boolean;
}) {
  return (
    <FormRow label={label} hint={hint} error={error}>
      {multiline ? (
        <Textarea
          className="ui-input ui-textarea"
          value={value}
          maxlength={maxlength}
          placeholder={placeholder ?? `请填写${label}`}
          ariaLabel={label}
          onInput={(e) => onChange(inputValue(e))}
        />
      ) : (
        <Input
          className="ui-input"
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder ?? `请填写${label}`}
          ariaLabel={label}
          onInput={(e) => onChange(inputValue(e))}
        />
      )}
    </FormRow>
  );
}

/**
 * The end of a visitors form: why it was refused (if it was) and its primary button, which ignores
 * taps while the form is being sent.
 */
export function FormSubmit({
  error,
  busy,
  label,
  busyLabel,
  onSubmit,
}: {
  error: string | null;
  busy: boolean;
  /** The button's words, and its words while sending (Chinese). */
  label: string;
  busyLabel: string;
  onSubmit: () => Promise<void>;
}) {
  return (
    <>
      {error ? <Text className="ui-field__error">{error}</Text> : null}
      <View
        className="button button--primary tap"
        ariaRole="button"
        aria-disabled={busy}
        onClick={() => (busy ? undefined : void onSubmit())}
      >
        {busy ? busyLabel : label}
      </View>
    </>
  );
}
