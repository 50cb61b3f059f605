import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { SUPPORT_CONTACT } from '../version';
import './about.css';

const call = () => void Taro.makePhoneCall({ phoneNumber: SUPPORT_CONTACT.phone.replace(/-/g, '') }).catch(() => {});

/** 客服: who answers, a number to call, when, and where the counter is. */
export function SupportScreen() {
  return (
    <View className="about">
      <View className="card">
        <View className="policy__heading" ariaRole="heading" aria-level={2}>
          {SUPPORT_CONTACT.team}
        </View>
        <Text className="policy__text">
          餐卡流水、订单退款、账号权限、个人信息更正或删除，以及使用中遇到的任何问题，都可以联系我们。
        </Text>
      </View>
      <View className="card about__links">
        <View
          className="about__row tap"
          ariaRole="button"
          ariaLabel={`拨打客服电话 ${SUPPORT_CONTACT.phone}`}
          onClick={call}
        >
          <Text>客服电话</Text>
          <Text className="about__value about__value--link">{SUPPORT_CONTACT.phone}</Text>
        </View>
        <View className="about__row">
          <Text>服务时间</Text>
          <Text className="about__value">{SUPPORT_CONTACT.hours}</Text>
        </View>
        <View className="about__row">
          <Text>服务窗口</Text>
          <Text className="about__value">{SUPPORT_CONTACT.place}</Text>
        </View>
      </View>
    </View>
  );
}
