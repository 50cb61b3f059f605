import { Image, View } from '@tarojs/components';
import { photoSrc } from '../vocab';

/** A dish photo filling its box, or 暂无图片. */
export function Photo({ url, className, alt }: { url: string | null; className: string; alt: string }) {
  const src = photoSrc(url);
  if (!src) {
    return <View className={`${className} ct-dish__nophoto`}>暂无图片</View>;
  }
  return (
    <Image
      className={className}
      src={src}
      mode="aspectFill"
      lazyLoad
      ariaLabel={`${alt}的照片`}
      nativeProps={{ alt: `${alt}的照片` }}
    />
  );
}
