import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { RepairCategory, RepairCategoryInput, RepairSla } from '@contract/repairs.schema';
import { Chips } from '@/shared/ui/Chips';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { toast } from '@/shared/ui/toast';
import { createCategory, saveCategory } from '../api';
import { REPAIR_SKILL_LABELS, REPAIR_SKILLS_LIST, type RepairSkill } from '../vocab';
import { valueOf } from './fields';

const SKILL_OPTIONS = REPAIR_SKILLS_LIST.map((s) => ({ value: s, label: REPAIR_SKILL_LABELS[s] }));
/** What a new category starts with: the figures most compounds promise for ordinary repairs. */
const NEW_SLA: RepairSla = { acceptMinutes: 10, arriveMinutes: 30, finishHours: 8 };

/** 接单 A 分 到场 B 分 完工 C 时, each a number field named after the category. */
function SlaFields({ label, sla, onChange }: { label: string; sla: RepairSla; onChange: (sla: RepairSla) => void }) {
  const field = (key: keyof RepairSla, unit: string, name: string) => (
    <Input
      className="ui-input rp-sla__input"
      type="number"
      value={String(sla[key])}
      ariaLabel={`${label}${name}${unit === '分' ? '分钟' : '小时'}`}
      placeholder={unit === '分' ? '分钟' : '小时'}
      onInput={(e) => onChange({ ...sla, [key]: Number(valueOf(e)) || 0 })}
    />
  );
  return (
    <View className="rp-sla">
      <Text>接单</Text>
      {field('acceptMinutes', '分', '接单')}
      <Text>分 到场</Text>
      {field('arriveMinutes', '分', '到场')}
      <Text>分 完工</Text>
      {field('finishHours', '时', '完工')}
      <Text>时</Text>
    </View>
  );
}

/** One category: name, skill and SLA saved on 保存; 停用 (after confirming) takes it off the report form. */
function CategoryRow({ category, onSaved }: { category: RepairCategory; onSaved: (c: RepairCategory) => void }) {
  const [name, setName] = useState(category.name);
  const [skill, setSkill] = useState<RepairSkill>(category.skill);
  const [sla, setSla] = useState(category.sla);
  const [confirming, setConfirming] = useState(false);
  const changed =
    name !== category.name || skill !== category.skill || JSON.stringify(sla) !== JSON.stringify(category.sla);
  const save = (input: RepairCategoryInput, done: string) =>
    void saveCategory(category.id, input)
      .then((c) => {
        onSaved(c);
        void Taro.showToast({ title: done, icon: 'success' });
      })
      .catch(toast);
  return (
    <View className={`rp-rule${category.active ? '' : ' rp-rule--off'}`}>
      <View className="rp-sla">
        <Input
          className="ui-input rp-area__input"
          value={name}
          maxlength={20}
          placeholder="类别名称"
          ariaLabel={`${category.name}的名称`}
          onInput={(e) => setName(valueOf(e).slice(0, 20))}
        />
        {category.active ? null : <Text className="ui-tag ui-tag--strong">已停用</Text>}
      </View>
      <Chips small label={`${category.name}需要的技能`} options={SKILL_OPTIONS} value={skill} onChange={setSkill} />
      <SlaFields label={category.name} sla={sla} onChange={setSla} />
      <View className="rp-sla">
        {changed ? (
          <View
            className="ui-small-button tap"
            ariaRole="button"
            onClick={() => save({ name: name.trim(), skill, sla, active: category.active }, '已保存')}
          >
            保存
          </View>
        ) : null}
        <View
          className="ui-small-button tap"
          ariaRole="button"
          onClick={() =>
            category.active
              ? setConfirming(true)
              : save({ name: category.name, skill: category.skill, sla: category.sla, active: true }, '已启用')
          }
        >
          {category.active ? `停用${category.name}` : `启用${category.name}`}
        </View>
      </View>
      <ConfirmDialog
        visible={confirming}
        title={`停用“${category.name}”？`}
        content="停用后报修时不能再选这个类别；已报修的工单照常处理，可随时重新启用。"
        confirmText="停用"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          save({ name: category.name, skill: category.skill, sla: category.sla, active: false }, '已停用');
        }}
      />
    </View>
  );
}

/** 新增类别: a name, the skill it needs and its SLA. */
function NewCategory({ onCreated }: { onCreated: (c: RepairCategory) => void }) {
  const [name, setName] = useState('');
  const [skill, setSkill] = useState<RepairSkill>(REPAIR_SKILLS_LIST[0]);
  const [sla, setSla] = useState(NEW_SLA);
  const [busy, setBusy] = useState(false);
  const add = () => {
    if (busy) return;
    if (!name.trim()) return void Taro.showToast({ title: '请填写类别名称', icon: 'none' });
    setBusy(true);
    void createCategory({ name: name.trim(), skill, sla })
      .then((c) => {
        onCreated(c);
        setName('');
        setSla(NEW_SLA);
        void Taro.showToast({ title: '已新增', icon: 'success' });
      })
      .catch(toast)
      .finally(() => setBusy(false));
  };
  return (
    <View className="rp-rule">
      <Input
        className="ui-input"
        value={name}
        maxlength={20}
        placeholder="新类别名称，如 电梯"
        ariaLabel="新类别名称"
        onInput={(e) => setName(valueOf(e).slice(0, 20))}
      />
      <Chips small label="新类别需要的技能" options={SKILL_OPTIONS} value={skill} onChange={setSkill} />
      <SlaFields label="新类别" sla={sla} onChange={setSla} />
      <View className={`ui-small-button tap${busy ? ' button--off' : ''}`} ariaRole="button" onClick={add}>
        {busy ? '新增中…' : '新增类别'}
      </View>
    </View>
  );
}

/** 类别 → 技能与时限: every category (stopped ones too), and a form for a new one. */
export function CategoryRules({
  categories,
  onChange,
}: {
  categories: RepairCategory[];
  onChange: (categories: RepairCategory[]) => void;
}) {
  return (
    <View className="rp-panel">
      {categories.map((c) => (
        <CategoryRow
          key={c.id}
          category={c}
          onSaved={(saved) => onChange(categories.map((x) => (x.id === saved.id ? saved : x)))}
        />
      ))}
      <NewCategory onCreated={(created) => onChange([...categories, created])} />
    </View>
  );
}
