import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { RepairCategory, RepairerProfile, RepairLocations } from '@contract/repairs.schema';
import { useRemote } from '@/shared/remote/use-remote';
import { useRequireSession } from '@/features/session';
import { Chips } from '@/shared/ui/Chips';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { toast } from '@/shared/ui/toast';
import { fetchCategories, fetchLocations, fetchRepairers, saveBuildingArea, saveCategory } from '../api';
import { openRepairsPage } from '../routes';
import { REPAIR_SKILL_LABELS, REPAIR_SKILLS_LIST, type RepairSkill } from '../vocab';
import { valueOf } from './fields';
import './repairs.css';

interface Setup {
  categories: RepairCategory[];
  places: RepairLocations;
  repairers: RepairerProfile[];
}

/** One category's skill and SLA, saved on 保存. */
function CategoryRow({ category, onSaved }: { category: RepairCategory; onSaved: (c: RepairCategory) => void }) {
  const [skill, setSkill] = useState<RepairSkill>(category.skill);
  const [sla, setSla] = useState(category.sla);
  const number = (key: keyof typeof sla) => (e: unknown) => setSla({ ...sla, [key]: Number(valueOf(e)) || 0 });
  const changed = skill !== category.skill || JSON.stringify(sla) !== JSON.stringify(category.sla);
  const save = () =>
    void saveCategory(category.id, { name: category.name, skill, sla, active: category.active })
      .then((c) => {
        onSaved(c);
        void Taro.showToast({ title: '已保存', icon: 'success' });
      })
      .catch(toast);
  return (
    <View className="rp-rule">
      <Text className="rp-rule__name">{category.name}</Text>
      <Chips
        small
        label={`${category.name}需要的技能`}
        options={REPAIR_SKILLS_LIST.map((s) => ({ value: s, label: REPAIR_SKILL_LABELS[s] }))}
        value={skill}
        onChange={setSkill}
      />
      <View className="rp-sla">
        <Text>接单</Text>
        <Input
          className="ui-input rp-sla__input"
          type="number"
          value={String(sla.acceptMinutes)}
          ariaLabel={`${category.name}接单分钟`}
          placeholder="分钟"
          onInput={number('acceptMinutes')}
        />
        <Text>分 到场</Text>
        <Input
          className="ui-input rp-sla__input"
          type="number"
          value={String(sla.arriveMinutes)}
          ariaLabel={`${category.name}到场分钟`}
          placeholder="分钟"
          onInput={number('arriveMinutes')}
        />
        <Text>分 完工</Text>
        <Input
          className="ui-input rp-sla__input"
          type="number"
          value={String(sla.finishHours)}
          ariaLabel={`${category.name}完工小时`}
          placeholder="小时"
          onInput={number('finishHours')}
        />
        <Text>时</Text>
      </View>
      {changed ? (
        <View className="ui-small-button tap" ariaRole="button" onClick={save}>
          保存
        </View>
      ) : null}
    </View>
  );
}

/** 派单规则与维修工: category → skill and SLA, building → area, and the repairers' profiles. */
export function RulesScreen() {
  const me = useRequireSession();
  const setup = useRemote<Setup>(me ? 'rules' : null, async () => {
    const [categories, places, repairers] = await Promise.all([
      fetchCategories(true),
      fetchLocations(),
      fetchRepairers(),
    ]);
    return { categories, places, repairers };
  });
  const [areas, setAreas] = useState<Record<string, string>>({});
  if (!me || setup.status === 'idle' || setup.status === 'loading') return <Loading />;
  if (setup.status === 'error' || !setup.data)
    return <LoadError message={setup.error} onRetry={() => void setup.reload()} />;
  const data = setup.data;
  return (
    <View className="rp">
      <Text className="ui-section-title">维修工</Text>
      <View className="rp-panel">
        {data.repairers.map((r) => (
          <View
            key={r.personId}
            className="ui-cell tap"
            ariaRole="button"
            onClick={() => openRepairsPage('repairer', { personId: r.personId })}
          >
            <View className="ui-cell__main">
              <Text className="ui-cell__title">
                {r.name}{' '}
                <Text className={`ui-tag ui-tag--${r.onDuty ? 'success' : 'strong'}`}>
                  {r.onDuty ? '在岗' : '不在岗'}
                </Text>
              </Text>
              <Text className="text-muted">
                {r.skills.map((s) => REPAIR_SKILL_LABELS[s]).join('、') || '未设技能'} ·{' '}
                {r.areas.join('、') || '未设片区'} · 未完成 {r.openTickets} 单
              </Text>
            </View>
            <Text className="ui-cell__side">›</Text>
          </View>
        ))}
      </View>
      <Text className="ui-section-title">类别 → 技能与时限</Text>
      <View className="rp-panel">
        {data.categories.map((c) => (
          <CategoryRow
            key={c.id}
            category={c}
            onSaved={(saved) =>
              setup.setData({ ...data, categories: data.categories.map((x) => (x.id === saved.id ? saved : x)) })
            }
          />
        ))}
      </View>
      <Text className="ui-section-title">楼宇 → 片区</Text>
      <View className="rp-panel">
        {data.places.buildings.map((b) => (
          <View key={b.id} className="rp-sla">
            <Text className="rp-rule__name">{b.name}</Text>
            <Input
              className="ui-input rp-area__input"
              value={areas[b.id] ?? b.area ?? ''}
              maxlength={20}
              placeholder="片区"
              ariaLabel={`${b.name}所属片区`}
              onInput={(e) => setAreas({ ...areas, [b.id]: valueOf(e) })}
            />
            {areas[b.id] !== undefined && areas[b.id] !== b.area ? (
              <View
                className="ui-small-button tap"
                ariaRole="button"
                onClick={() =>
                  void saveBuildingArea(b.id, areas[b.id])
                    .then(() => setup.reload())
                    .then(() => void Taro.showToast({ title: '已保存', icon: 'success' }))
                    .catch(toast)
                }
              >
                保存
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}
