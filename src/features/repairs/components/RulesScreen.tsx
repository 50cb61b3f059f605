import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { RepairCategory, RepairerProfile, RepairLocations } from '@contract/repairs.schema';
import { useRemote } from '@/shared/remote/use-remote';
import { useRequireSession } from '@/features/session';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { toast } from '@/shared/ui/toast';
import { fetchCategories, fetchLocations, fetchRepairers, saveBuildingArea } from '../api';
import { openRepairsPage } from '../routes';
import { REPAIR_SKILL_LABELS } from '../vocab';
import { CategoryRules } from './CategoryRules';
import { PlaceRules } from './PlaceRules';
import { valueOf } from './fields';
import './repairs.css';

interface Setup {
  categories: RepairCategory[];
  places: RepairLocations;
  repairers: RepairerProfile[];
}

/** 派单规则与维修工: categories (skill, SLA, new, stopped), building → area, floors and rooms, and the repairers' profiles. */
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
      <CategoryRules categories={data.categories} onChange={(categories) => setup.setData({ ...data, categories })} />
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
      <Text className="ui-section-title">楼层与房间</Text>
      <PlaceRules places={data.places} onChange={(places) => setup.setData({ ...data, places })} />
    </View>
  );
}
