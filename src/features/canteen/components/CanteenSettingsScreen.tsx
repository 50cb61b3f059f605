import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import type { MealKind } from '@contract/canteen';
import type { Canteen, CanteenUpdate } from '@contract/canteen.schema';
import { hasAnyRole } from '@contract/roles';
import { errorMessage } from '@/shared/http';
import { updateCanteen } from '../api';
import { selectLoadCanteens, useCanteen } from '../store';
import { MEAL_LABELS, MEAL_ORDER } from '../vocab';
import { CanteenSwitcher } from '@/shared/ui/CanteenSwitcher';
import { useManagedCanteen } from './ManagedCanteen';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import { FormRow } from '@/shared/ui/FormRow';
import './canteen.css';

interface MealForm {
  served: boolean;
  start: string;
  end: string;
}

interface Form {
  name: string;
  location: string;
  meals: Record<MealKind, MealForm>;
  daysBefore: number;
  time: string;
}

const DEFAULT_WINDOWS: Record<MealKind, [string, string]> = {
  breakfast: ['07:00', '08:30'],
  lunch: ['11:30', '13:00'],
  dinner: ['17:30', '19:00'],
};

const CUTOFF_DAYS = [
  { value: 0, label: '当天' },
  { value: 1, label: '前一天' },
  { value: 2, label: '前两天' },
  { value: 3, label: '前三天' },
];

function formOf(canteen: Canteen): Form {
  const meals = {} as Record<MealKind, MealForm>;
  for (const meal of MEAL_ORDER) {
    const window = canteen.meals.find((m) => m.meal === meal);
    meals[meal] = window
      ? { served: true, start: window.servingStart, end: window.servingEnd }
      : { served: false, start: DEFAULT_WINDOWS[meal][0], end: DEFAULT_WINDOWS[meal][1] };
  }
  return {
    name: canteen.name,
    location: canteen.location,
    meals,
    daysBefore: canteen.headcountCutoff.daysBefore,
    time: canteen.headcountCutoff.time,
  };
}

function valueOf(event: unknown): string {
  const e = event as { detail?: { value?: string }; target?: { value?: string } };
  return String(e.detail?.value ?? e.target?.value ?? '');
}

/** Why the form cannot be saved, or null (the BFF checks again: SERVING_WINDOWS_INVALID). */
function problem(form: Form): string | null {
  if (!form.name.trim()) return '请填写食堂名称';
  const served = MEAL_ORDER.filter((m) => form.meals[m].served);
  if (served.length === 0) return '至少要供应一餐';
  for (const meal of served) {
    if (form.meals[meal].start >= form.meals[meal].end) return `${MEAL_LABELS[meal]}的开始时间须早于结束时间`;
  }
  for (let i = 1; i < served.length; i++) {
    if (form.meals[served[i - 1]].end > form.meals[served[i]].start) {
      return `${MEAL_LABELS[served[i - 1]]}和${MEAL_LABELS[served[i]]}的供餐时间不能重叠`;
    }
  }
  return null;
}

function TimePicker(props: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <Picker mode="time" value={props.value} onChange={(e) => props.onChange(valueOf(e))}>
      <View className="ct-picker tap" ariaRole="button" ariaLabel={`${props.label} ${props.value}`}>
        {props.value}
      </View>
    </Picker>
  );
}

/** 食堂设置 (admin): name, location, the meals served with their windows, and the 报餐 cut-off. */
export function CanteenSettingsScreen() {
  const { me, status, error, retry, managed, canteen, pick } = useManagedCanteen();
  const loadCanteens = useCanteen(selectLoadCanteens);
  const [form, setForm] = useState<Form | null>(null);
  const [formFor, setFormFor] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (canteen && canteen.id !== formFor) {
      setForm(formOf(canteen));
      setFormFor(canteen.id);
      setFormError(null);
    }
  }, [canteen, formFor]);

  if (!me || status === 'idle' || status === 'loading') return <Loading />;
  if (status === 'error') return <LoadError message={error} onRetry={retry} />;
  if (!hasAnyRole(me.roles, ['admin'])) return <Empty title="只有管理员可以修改食堂设置" />;
  if (!canteen || !form) return <Empty title="暂无食堂" />;

  const set = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setFormError(null);
  };
  const setMeal = (meal: MealKind, patch: Partial<MealForm>) =>
    set({ meals: { ...form.meals, [meal]: { ...form.meals[meal], ...patch } } });

  const save = async () => {
    const why = problem(form);
    if (why) return setFormError(why);
    if (saving) return;
    setSaving(true);
    const body: CanteenUpdate = {
      name: form.name.trim(),
      location: form.location.trim(),
      meals: MEAL_ORDER.filter((m) => form.meals[m].served).map((meal) => ({
        meal,
        servingStart: form.meals[meal].start,
        servingEnd: form.meals[meal].end,
      })),
      headcountCutoff: { daysBefore: form.daysBefore, time: form.time },
    };
    try {
      const saved = await updateCanteen(canteen.id, body);
      setForm(formOf(saved));
      await loadCanteens().catch(() => undefined);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="ct-screen">
      <CanteenSwitcher canteens={managed} value={canteen.id} onChange={pick} />
      <View className="card">
        <FormRow label="食堂名称">
          <Input
            className="ui-input ct-input"
            value={form.name}
            maxlength={30}
            placeholder="例如：第一食堂"
            onInput={(e) => set({ name: valueOf(e) })}
          />
        </FormRow>
        <FormRow label="位置">
          <Input
            className="ui-input ct-input"
            value={form.location}
            maxlength={60}
            placeholder="例如：A座负一楼"
            onInput={(e) => set({ location: valueOf(e) })}
          />
        </FormRow>
        <FormRow label="餐次与供餐时间">
          {MEAL_ORDER.map((meal) => {
            const m = form.meals[meal];
            return (
              <View key={meal} className="ct-time-row" ariaLabel={MEAL_LABELS[meal]}>
                <Text className="ct-time-row__name">{MEAL_LABELS[meal]}</Text>
                <View
                  className={`ui-chip ui-chip--small tap${m.served ? ' ui-chip--on' : ''}`}
                  ariaRole="checkbox"
                  aria-checked={m.served}
                  onClick={() => setMeal(meal, { served: !m.served })}
                >
                  {m.served ? '供应' : '不供应'}
                </View>
                {m.served ? (
                  <>
                    <TimePicker
                      label={`${MEAL_LABELS[meal]}开始`}
                      value={m.start}
                      onChange={(v) => setMeal(meal, { start: v })}
                    />
                    <Text>至</Text>
                    <TimePicker
                      label={`${MEAL_LABELS[meal]}结束`}
                      value={m.end}
                      onChange={(v) => setMeal(meal, { end: v })}
                    />
                  </>
                ) : null}
              </View>
            );
          })}
        </FormRow>
        <FormRow label="报餐截止" hint="职工须在截止前报餐或取消，截止后按报餐人数备餐">
          <View className="ct-time-row">
            {CUTOFF_DAYS.map((d) => (
              <View
                key={d.value}
                className={`ui-chip ui-chip--small tap${form.daysBefore === d.value ? ' ui-chip--on' : ''}`}
                ariaRole="radio"
                aria-checked={form.daysBefore === d.value}
                onClick={() => set({ daysBefore: d.value })}
              >
                {d.label}
              </View>
            ))}
          </View>
          <View className="ct-time-row">
            <Text className="ct-time-row__name">截止时间</Text>
            <TimePicker label="截止时间" value={form.time} onChange={(v) => set({ time: v })} />
          </View>
        </FormRow>
        {formError ? <Text className="ui-field__error ct-error">{formError}</Text> : null}
      </View>
      <View className="ui-actions">
        <View className="button button--primary tap" ariaRole="button" onClick={() => void save()}>
          {saving ? '保存中…' : '保存设置'}
        </View>
      </View>
    </View>
  );
}
