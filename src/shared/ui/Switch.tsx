import NutSwitch from '@nutui/nutui-react-taro/dist/es/packages/switch';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';

/**
 * An on/off setting: NutUI's Switch (role `switch` with `aria-checked`), themed by the tokens'
 * `--nutui-*` variables and sized up in 关怀模式. The main package already carries it (我的 →
 * 关怀模式), so a module using it adds no main-package bytes.
 */
export function Switch({
  checked,
  label,
  disabled,
  onChange,
}: {
  checked: boolean;
  /** The accessible name, saying the state too (e.g. `过期订单退款，已开启`). */
  label: string;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return <NutSwitch checked={checked} disabled={disabled} loading={false} ariaLabel={label} onChange={onChange} />;
}
