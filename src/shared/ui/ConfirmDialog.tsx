import { Text, View } from '@tarojs/components';
import './confirm-dialog.css';

/**
 * A small confirm dialog drawn inside the page, so 关怀模式 sizes apply to it. Written here rather
 * than NutUI's Dialog: that one brings Button, Overlay and their CSS (~70 KB of the 450 KB main
 * package on WeChat) for two buttons.
 */
export function ConfirmDialog(props: {
  visible: boolean;
  title: string;
  content: string;
  confirmText?: string;
  cancelText?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  if (!props.visible) return null;
  return (
    <View className="confirm" catchMove>
      <View className="confirm__mask" onClick={props.onCancel} />
      <View className="confirm__box" ariaRole="dialog" ariaLabel={props.title}>
        <Text className="confirm__title">{props.title}</Text>
        <Text className="confirm__content">{props.content}</Text>
        <View className="confirm__actions">
          <View className="confirm__button tap" ariaRole="button" onClick={props.onCancel}>
            {props.cancelText ?? '取消'}
          </View>
          <View className="confirm__button confirm__button--ok tap" ariaRole="button" onClick={props.onConfirm}>
            {props.confirmText ?? '确定'}
          </View>
        </View>
      </View>
    </View>
  );
}
