import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './kit.css';

/** One row of a form card: its label, an optional hint, the field itself, and why it is refused. */
export function FormRow({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  /** Shown under the field while set (Chinese). */
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <View className="ui-field">
      <Text className="ui-field__label">{label}</Text>
      {hint ? <Text className="ui-field__hint">{hint}</Text> : null}
      {children}
      {error ? <Text className="ui-field__error">{error}</Text> : null}
    </View>
  );
}
