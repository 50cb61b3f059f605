import { Text, Textarea } from '@tarojs/components';
import { LETTER_BODY_MAX } from '../vocab';

function valueOf(event: unknown): string {
  const e = event as { detail?: { value?: string }; target?: { value?: string } };
  return e.detail?.value ?? e.target?.value ?? '';
}

/** A letter's or a reply's text, at most 2000 characters, with its count under it. */
export function BodyField(props: {
  value: string;
  label: string;
  placeholder: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <Textarea
        className="mb-textarea"
        value={props.value}
        maxlength={LETTER_BODY_MAX}
        placeholder={props.placeholder}
        ariaLabel={props.label}
        onInput={(e) => props.onChange(valueOf(e).slice(0, LETTER_BODY_MAX))}
      />
      <Text className="mb-count">
        {props.value.length}/{LETTER_BODY_MAX}
      </Text>
    </>
  );
}
