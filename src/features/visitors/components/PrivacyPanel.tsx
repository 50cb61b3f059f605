import { Text, View } from '@tarojs/components';
import type { PrivacyNotice } from '@contract/visitors.schema';

/** The notice, read before any personal data is given, and the box that agrees to it. */
export function PrivacyPanel({
  notice,
  agreed,
  onChange,
}: {
  notice: PrivacyNotice;
  agreed: boolean;
  onChange: (agreed: boolean) => void;
}) {
  return (
    <View className="card vs-privacy">
      <Text className="ui-section-title">{notice.title}</Text>
      {notice.paragraphs.map((p) => (
        <Text key={p} className="vs-privacy__p">
          {p}
        </Text>
      ))}
      <Text className="text-muted">{`本园区保存期限：来访结束后 ${notice.retentionDays} 天。`}</Text>
      <View
        className={`vs-agree tap${agreed ? ' vs-agree--on' : ''}`}
        ariaRole="checkbox"
        aria-checked={agreed}
        onClick={() => onChange(!agreed)}
      >
        <Text className="vs-agree__box">{agreed ? '✓' : ''}</Text>
        <Text>我已阅读并同意以上告知</Text>
      </View>
    </View>
  );
}
