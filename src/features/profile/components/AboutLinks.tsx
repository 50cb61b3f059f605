import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ABOUT_PAGES } from '../about/routes';
import { APP_VERSION } from '../about/version';

const LINKS: { title: string; url: string; value?: string }[] = [
  { title: '隐私政策', url: ABOUT_PAGES.privacy },
  { title: '用户协议', url: ABOUT_PAGES.terms },
  { title: '关于与版本', url: ABOUT_PAGES.about, value: `v${APP_VERSION}` },
  { title: '客服', url: ABOUT_PAGES.support },
];

/** 我的's rows to the policies, the version and 客服 (pages of the `packages/about` subpackage). */
export function AboutLinks() {
  return (
    <View className="card profile__settings">
      {LINKS.map((link) => (
        <View
          key={link.title}
          className="profile__row profile__link tap"
          ariaRole="link"
          onClick={() => void Taro.navigateTo({ url: link.url })}
        >
          <Text className="profile__row-title">{link.title}</Text>
          <Text className="text-muted">{`${link.value ?? ''} ›`}</Text>
        </View>
      ))}
    </View>
  );
}
