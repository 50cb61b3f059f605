import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { RepairerProfile, RepairLocations, RepairShift } from '@contract/repairs.schema';
import { errorMessage } from '@/shared/http';
import { useRemote } from '@/shared/remote/use-remote';
import { useRequireSession } from '@/features/session';
import { Check } from '@/shared/ui/Check';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { fetchLocations, fetchRepairer, saveRepairer } from '../api';
import { REPAIR_SKILL_LABELS, REPAIR_SKILLS_LIST, WEEKDAY_LABELS, type RepairSkill } from '../vocab';
import { valueOf } from './fields';
import './repairs.css';

const TIME = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
const PRESETS: { label: string; shift: RepairShift }[] = [
  { label: '全天（每天 00:00–24:00）', shift: { weekdays: [1, 2, 3, 4, 5, 6, 7], starts: '00:00', ends: '24:00' } },
  { label: '白班（工作日 08:30–17:30）', shift: { weekdays: [1, 2, 3, 4, 5], starts: '08:30', ends: '17:30' } },
  {
    label: '夜班（每天 17:30–次日 08:30）',
    shift: { weekdays: [1, 2, 3, 4, 5, 6, 7], starts: '17:30', ends: '08:30' },
  },
];

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** 维修工档案 (`?personId=`): skills, areas and weekly shifts; only on-duty repairers get automatic dispatches. */
export function RepairerScreen({ personId }: { personId: string }) {
  const me = useRequireSession();
  const remote = useRemote<{ profile: RepairerProfile; places: RepairLocations }>(
    me && personId ? `repairer-${personId}` : null,
    async () => {
      const [profile, places] = await Promise.all([fetchRepairer(personId), fetchLocations()]);
      return { profile, places };
    },
  );
  const [draft, setDraft] = useState<{ skills: RepairSkill[]; areas: string[]; shifts: RepairShift[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (!me || remote.status === 'idle' || remote.status === 'loading') return <Loading />;
  if (remote.status === 'error' || !remote.data)
    return <LoadError message={remote.error} onRetry={() => void remote.reload()} />;
  const { profile, places } = remote.data;
  const d = draft ?? { skills: profile.skills, areas: profile.areas, shifts: profile.shifts };
  const edit = (next: Partial<typeof d>) => {
    setDraft({ ...d, ...next });
    setError(null);
  };
  const knownAreas = [...new Set([...places.buildings.flatMap((b) => (b.area ? [b.area] : [])), ...d.areas])];
  const setShift = (i: number, change: Partial<RepairShift>) =>
    edit({ shifts: d.shifts.map((s, j) => (j === i ? { ...s, ...change } : s)) });

  const save = async () => {
    if (saving) return;
    for (const s of d.shifts) {
      if (!TIME.test(s.starts) || !TIME.test(s.ends) || s.starts === s.ends || s.weekdays.length === 0)
        return setError('班次时间不正确：请用 00:00–24:00 的时刻，并至少选一天');
    }
    setSaving(true);
    try {
      const saved = await saveRepairer(personId, d);
      remote.setData({ profile: saved, places });
      setDraft(null);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="rp">
      <View className="rp-panel">
        <Text className="rp-title">
          {profile.name}{' '}
          <Text className={`ui-tag ui-tag--${profile.onDuty ? 'success' : 'strong'}`}>
            {profile.onDuty ? '在岗' : '不在岗'}
          </Text>
        </Text>
        <Text className="text-muted">
          {profile.unit} · 未完成 {profile.openTickets} 单
        </Text>
      </View>
      <Text className="ui-section-title">技能</Text>
      <View className="rp-panel rp-checks">
        {REPAIR_SKILLS_LIST.map((s) => (
          <Check
            key={s}
            checked={d.skills.includes(s)}
            label={REPAIR_SKILL_LABELS[s]}
            onChange={() => edit({ skills: toggle(d.skills, s) })}
          />
        ))}
      </View>
      <Text className="ui-section-title">片区</Text>
      <View className="rp-panel rp-checks">
        {knownAreas.map((a) => (
          <Check key={a} checked={d.areas.includes(a)} label={a} onChange={() => edit({ areas: toggle(d.areas, a) })} />
        ))}
      </View>
      <Text className="ui-section-title">班次</Text>
      <View className="rp-panel">
        {d.shifts.length === 0 ? <Text className="text-muted">没有班次：不会被自动派单</Text> : null}
        {d.shifts.map((s, i) => (
          <View key={i} className="rp-shift">
            <View className="rp-checks">
              {WEEKDAY_LABELS.map((w, k) => (
                <Check
                  key={w}
                  checked={s.weekdays.includes(k + 1)}
                  label={`周${w}`}
                  onChange={() => setShift(i, { weekdays: toggle(s.weekdays, k + 1).sort() })}
                />
              ))}
            </View>
            <View className="rp-sla">
              <Input
                className="ui-input rp-sla__input"
                value={s.starts}
                maxlength={5}
                ariaLabel={`班次 ${i + 1} 开始`}
                placeholder="开始 HH:mm"
                onInput={(e) => setShift(i, { starts: valueOf(e) })}
              />
              <Text>至</Text>
              <Input
                className="ui-input rp-sla__input"
                value={s.ends}
                maxlength={5}
                ariaLabel={`班次 ${i + 1} 结束`}
                placeholder="结束 HH:mm"
                onInput={(e) => setShift(i, { ends: valueOf(e) })}
              />
              <View
                className="ui-link ui-link--danger tap"
                ariaRole="button"
                onClick={() => edit({ shifts: d.shifts.filter((_, j) => j !== i) })}
              >
                删除
              </View>
            </View>
          </View>
        ))}
        <View className="rp-checks">
          {PRESETS.map((p) => (
            <View
              key={p.label}
              className="ui-small-button tap"
              ariaRole="button"
              onClick={() => edit({ shifts: [...d.shifts, p.shift] })}
            >
              + {p.label}
            </View>
          ))}
        </View>
      </View>
      {error ? <Text className="rp-error">{error}</Text> : null}
      <View
        className="button button--primary tap rp-main-action"
        ariaRole="button"
        aria-disabled={saving}
        onClick={() => void save()}
      >
        {saving ? '保存中…' : '保存档案'}
      </View>
    </View>
  );
}
