import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PAGES } from '@/shared/routes';
import './about.css';

/** Where an unknown address lands (the app's `onPageNotFound`): say so, and offer the way home. */
export function NotFoundScreen() {
  return (
    <View className="not-found">
      <View className="not-found__code" aria-hidden>
        404
      </View>
      <View className="not-found__title" ariaRole="heading" aria-level={2}>
        页面不存在
      </View>
      <Text className="text-muted">您访问的页面不存在或已下线，请返回首页继续使用。</Text>
      <View
        className="button button--primary tap not-found__home"
        ariaRole="button"
        onClick={() => void Taro.reLaunch({ url: PAGES.home })}
      >
        返回首页
      </View>
    </View>
  );
}
