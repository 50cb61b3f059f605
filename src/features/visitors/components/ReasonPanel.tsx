import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { VISIT_LIMITS } from '@contract/visitors.schema';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { Field } from './Field';

/** A reason typed, then confirmed (decline, override): the action runs once the dialog says yes. */
export function ReasonPanel({
  title,
  label,
  placeholder,
  confirm,
  action,
  danger,
  onSubmit,
}: {
  title: string;
  label: string;
  placeholder: string;
  confirm: string;
  action: string;
  danger?: boolean;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const ask = () => {
    if (!reason.trim()) return setError(`请填写${label}`);
    setError(null);
    setAsking(true);
  };
  const run = async () => {
    setAsking(false);
    setBusy(true);
    try {
      await onSubmit(reason.trim());
      setReason('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card">
      <Text className="ui-section-title">{title}</Text>
      <Field
        label={label}
        value={reason}
        onChange={setReason}
        placeholder={placeholder}
        maxlength={VISIT_LIMITS.reasonMax}
        error={error}
        multiline
      />
      <View
        className={`button ${danger ? 'button--danger' : 'button--primary'} tap`}
        ariaRole="button"
        aria-disabled={busy}
        onClick={() => (busy ? undefined : ask())}
      >
        {busy ? '提交中…' : action}
      </View>
      <ConfirmDialog
        visible={asking}
        title={title}
        content={confirm}
        confirmText={action}
        onConfirm={() => void run()}
        onCancel={() => setAsking(false)}
      />
    </View>
  );
}
