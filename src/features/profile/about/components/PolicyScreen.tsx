import { Text, View } from '@tarojs/components';
import type { PolicyDocument } from '../document';
import './about.css';

/** A policy (隐私政策, 用户协议) as headed sections of paragraphs on one card. */
export function PolicyScreen({ doc }: { doc: PolicyDocument }) {
  return (
    <View className="about">
      <View className="card policy">
        <View className="policy__title" ariaRole="heading" aria-level={2}>
          {doc.title}
        </View>
        <Text className="policy__effective text-muted">{`生效日期：${doc.effective}`}</Text>
        <Text className="policy__text">{doc.intro}</Text>
        {doc.sections.map((section) => (
          <View key={section.heading} className="policy__section">
            <View className="policy__heading" ariaRole="heading" aria-level={3}>
              {section.heading}
            </View>
            {section.paragraphs.map((paragraph) => (
              <Text key={paragraph} className="policy__text">
                {paragraph}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
