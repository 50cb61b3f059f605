import { Image, View } from '@tarojs/components';
import './kit.css';

/**
 * A photo filling its box (aspect fill), or 暂无图片. `alt` says what it shows: the box is an `img`
 * role named by it (WeChat reads that), and the `<img>` inside carries it as `alt` on H5, where
 * Taro's Image passes `imgProps` / `nativeProps` on to that element.
 */
export function Photo({ src, className, alt }: { src: string | null | undefined; className: string; alt: string }) {
  if (!src) return <View className={`${className} ui-photo--none`}>暂无图片</View>;
  return (
    <View className={className} ariaRole="img" ariaLabel={alt}>
      <Image className="ui-photo__img" src={src} mode="aspectFill" lazyLoad imgProps={{ alt }} nativeProps={{ alt }} />
    </View>
  );
}
