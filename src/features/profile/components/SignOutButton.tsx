import { useState } from 'react';
import { View } from '@tarojs/components';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { signOut } from '@/features/session';

export function SignOutButton() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      await signOut();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <View
        className="button button--danger tap profile__sign-out"
        ariaRole="button"
        onClick={() => !busy && setConfirming(true)}
      >
        {busy ? '正在退出…' : '退出登录'}
      </View>
      <ConfirmDialog
        visible={confirming}
        title="退出登录"
        content="确定要退出登录吗？退出后需要重新登录才能使用服务。"
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
