import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ABOUT_PAGES } from '../routes';
import { APP_VERSION } from '../version';
import './about.css';

const open = (url: string) => () => void Taro.navigateTo({ url });

/** 关于与版本: what the app is, its version, and the two policies. */
export function AboutScreen() {
  return (
    <View className="about">
      <View className="about__brand">
        <View className="about__logo" aria-hidden>
          数智
        </View>
        <Text className="about__name">数智后勤</Text>
        <Text className="about__version text-muted">{`版本 ${APP_VERSION}`}</Text>
      </View>
      <View className="card">
        <Text className="policy__text">
          机关大院一站式后勤服务：今日菜品、报餐、食堂外卖、数字餐卡，以及停车、访客、报修、会议预约和服务信箱，让干部职工办事“零跑腿”。
        </Text>
      </View>
      <View className="card about__links">
        <View className="about__row tap" ariaRole="link" onClick={open(ABOUT_PAGES.privacy)}>
          <Text>隐私政策</Text>
          <Text className="about__chevron" aria-hidden>
            ›
          </Text>
        </View>
        <View className="about__row tap" ariaRole="link" onClick={open(ABOUT_PAGES.terms)}>
          <Text>用户协议</Text>
          <Text className="about__chevron" aria-hidden>
            ›
          </Text>
        </View>
      </View>
      <Text className="about__footer text-muted">机关事务管理局 后勤服务中心</Text>
    </View>
  );
}
