import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { selectCareMode, useCareMode } from '@/features/profile/care-mode';

/**
 * The root element of every page: carries the design tokens (`.page`) and 关怀模式
 * (`.page--care`, `data-care-mode="on|off"`), so each page grows together when it is switched on.
 */
export function PageRoot({ children, className }: { children: ReactNode; className?: string }) {
  const care = useCareMode(selectCareMode);
  const classes = ['page', care ? 'page--care' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes} data-care-mode={care ? 'on' : 'off'}>
      {children}
    </View>
  );
}
