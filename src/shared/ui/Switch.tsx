import { View } from '@tarojs/components';
import './switch.css';

/**
 * An on/off setting, drawn here (role `switch` with `aria-checked`, sized up in 关怀模式). NutUI's
 * Switch renders `aria-role` instead of `role` on H5, which the accessibility check refuses, and
 * would cost the main package about 28 KB.
 */
export function Switch({
  checked,
  label,
  disabled,
  onChange,
}: {
  checked: boolean;
  /** The accessible name (the setting, e.g. `过期订单退款`); the state is `aria-checked`. */
  label: string;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <View
      className={`ui-switch${checked ? ' ui-switch--on' : ''}${disabled ? ' ui-switch--disabled' : ''}`}
      ariaRole="switch"
      ariaLabel={label}
      aria-checked={checked}
      aria-disabled={disabled ? true : undefined}
      onClick={(event) => {
        event.stopPropagation();
        if (!disabled) onChange(!checked);
      }}
    />
  );
}
