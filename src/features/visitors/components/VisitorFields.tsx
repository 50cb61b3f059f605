import { VISIT_LIMITS } from '@contract/visitors.schema';
import type { VisitorInput } from '../visitor-input';
import { Field } from './Field';

/** The visitor's name, mobile, ID number (unless `withoutId`) and plate, as one group of fields. */
export function VisitorFields({
  value,
  onChange,
  nameLabel = '访客姓名',
  requiresId,
  withoutId,
}: {
  value: VisitorInput;
  onChange: (v: VisitorInput) => void;
  nameLabel?: string;
  requiresId: boolean;
  withoutId?: boolean;
}) {
  const set = (key: keyof VisitorInput) => (text: string) => onChange({ ...value, [key]: text });
  return (
    <>
      <Field label={nameLabel} value={value.name} onChange={set('name')} maxlength={VISIT_LIMITS.nameMax} />
      <Field
        label="手机号"
        value={value.phone}
        onChange={set('phone')}
        type="number"
        maxlength={11}
        placeholder="11 位手机号"
        hint="加密保存，页面上只显示打码后的号码"
      />
      {withoutId ? null : (
        <Field
          label={requiresId ? '身份证号' : '身份证号（可不填）'}
          value={value.idNumber}
          onChange={set('idNumber')}
          type="idcard"
          maxlength={18}
        />
      )}
      <Field
        label="车牌号（驾车来访时填写）"
        value={value.plate}
        onChange={set('plate')}
        maxlength={8}
        placeholder="例如：浙A12345"
      />
    </>
  );
}
