import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { Allergen, DishCategory } from '@contract/canteen';
import type { Dish, DishList } from '@contract/canteen.schema';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { errorMessage } from '@/shared/http';
import { toast } from '@/shared/ui/toast';
import { useRemote } from '@/shared/remote/use-remote';
import { createDish, fetchDishes, setDishRetired, updateDish } from '../api';
import { pickPhoto, uploadPhoto } from '../upload';
import { ALLERGENS, DISH_CATEGORIES, DISH_LIMITS } from '../vocab';
import { useManagedCanteen } from './ManagedCanteen';
import { Photo } from './Photo';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import './canteen.css';
import { Chips } from '@/shared/ui/Chips';
import { FormRow } from '@/shared/ui/FormRow';

interface Form {
  name: string;
  category: DishCategory | null;
  tags: string[];
  allergens: Allergen[];
  description: string;
  photoUrl: string | null;
}

const blank: Form = { name: '', category: null, tags: [], allergens: [], description: '', photoUrl: null };

const formOf = (dish: Dish): Form => ({
  name: dish.name,
  category: dish.category,
  tags: [...dish.tags],
  allergens: [...dish.allergens],
  description: dish.description,
  photoUrl: dish.photoUrl,
});

/** Taro's input events carry `detail.value`; a plain DOM event (tests) its target's value. */
function valueOf(event: unknown): string {
  const e = event as { detail?: { value?: string }; target?: { value?: string } };
  return e.detail?.value ?? e.target?.value ?? '';
}

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** Why the form cannot be saved yet, or null. */
function problem(form: Form): string | null {
  if (!form.name.trim()) return '请填写菜品名称';
  if (form.name.trim().length > DISH_LIMITS.name) return `菜品名称最多 ${DISH_LIMITS.name} 个字`;
  if (!form.category) return '请选择分类';
  if (form.description.length > DISH_LIMITS.description) return `介绍最多 ${DISH_LIMITS.description} 个字`;
  return null;
}

/** New dish (no `dishId`) or edit one: name, category, tags, allergens, description, photo. */
export function DishEditScreen() {
  const { params } = useRouter();
  const dishId = typeof params.dishId === 'string' && params.dishId ? params.dishId : null;
  const { me, status, error, retry, canteen } = useManagedCanteen();
  const canteenId = canteen?.id ?? null;
  const load = useCallback(
    (): Promise<DishList> => (dishId ? fetchDishes(canteenId ?? '', 'include') : Promise.resolve({ items: [] })),
    [canteenId, dishId],
  );
  const remote = useRemote(canteenId ? `${canteenId}|${dishId ?? 'new'}` : null, load);
  const dish = dishId ? remote.data?.items.find((d) => d.id === dishId) : undefined;

  const [form, setForm] = useState<Form>(blank);
  const [tagDraft, setTagDraft] = useState('');
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const [loadedId, setLoadedId] = useState<string | null>(null);

  useEffect(() => {
    if (dish && loadedId !== dish.id) {
      setForm(formOf(dish));
      setLoadedId(dish.id);
    }
  }, [dish, loadedId]);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: dishId ? '编辑菜品' : '新增菜品' });
  }, [dishId]);

  if (!me || status === 'idle' || status === 'loading') return <Loading />;
  if (status === 'error') return <LoadError message={error} onRetry={retry} />;
  if (!canteen) return <Empty title="您还没有负责的食堂" hint="请联系管理员把您加入食堂工作人员" />;
  if (remote.status === 'error') return <LoadError message={remote.error} onRetry={() => void remote.reload()} />;
  if (remote.status !== 'ready') return <Loading />;
  if (dishId && !dish) return <Empty title="菜品不存在或已被删除" hint="请返回菜品库刷新后重试" />;

  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setFormError(null);
  };

  const addTag = () => {
    const tag = tagDraft.trim();
    if (!tag) return;
    if (tag.length > DISH_LIMITS.tag) return setFormError(`每个标签最多 ${DISH_LIMITS.tag} 个字`);
    if (form.tags.includes(tag)) return setTagDraft('');
    if (form.tags.length >= DISH_LIMITS.tags) return setFormError(`最多 ${DISH_LIMITS.tags} 个标签`);
    set({ tags: [...form.tags, tag] });
    setTagDraft('');
  };

  const choosePhoto = async () => {
    if (uploading) return;
    setPhotoError(null);
    try {
      const photo = await pickPhoto();
      if (!photo) return;
      setUploading(true);
      const upload = await uploadPhoto(photo.path);
      set({ photoUrl: upload.url });
    } catch (e) {
      setPhotoError(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };

  const save = async () => {
    const why = problem(form);
    if (why) return setFormError(why);
    if (saving || !form.category) return;
    setSaving(true);
    const body = {
      name: form.name.trim(),
      category: form.category,
      tags: form.tags,
      allergens: form.allergens,
      description: form.description.trim(),
      photoUrl: form.photoUrl,
    };
    try {
      if (dish) await updateDish(canteen.id, dish.id, body);
      else await createDish(canteen.id, body);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.navigateBack();
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const retire = async (retired: boolean) => {
    if (!dish) return;
    try {
      const saved = await setDishRetired(canteen.id, dish.id, retired);
      remote.setData({ items: (remote.data?.items ?? []).map((d) => (d.id === saved.id ? saved : d)) });
      void Taro.showToast({ title: retired ? '已停用' : '已恢复', icon: 'success' });
    } catch (e) {
      toast(e);
    }
  };

  return (
    <View className="ct-screen">
      <View className="card">
        <FormRow label="菜品名称">
          <Input
            className="ui-input ct-input"
            value={form.name}
            maxlength={DISH_LIMITS.name}
            placeholder="例如：红烧肉"
            onInput={(e) => set({ name: valueOf(e) })}
          />
        </FormRow>
        <FormRow label="分类">
          <Chips
            label="分类"
            small
            options={DISH_CATEGORIES.map((c) => ({ value: c, label: c }))}
            value={form.category}
            onChange={(category) => set({ category })}
          />
        </FormRow>
        <FormRow label="标签" hint={`如 清淡、辣、健康餐；最多 ${DISH_LIMITS.tags} 个，点标签可删除`}>
          {form.tags.length ? (
            <View className="ui-chips">
              {form.tags.map((tag) => (
                <View
                  key={tag}
                  className="ui-chip ui-chip--small ui-chip--on tap"
                  ariaRole="button"
                  ariaLabel={`删除标签 ${tag}`}
                  onClick={() => set({ tags: form.tags.filter((t) => t !== tag) })}
                >
                  {`${tag} ×`}
                </View>
              ))}
            </View>
          ) : null}
          <View className="ct-photo-edit">
            <Input
              className="ui-input ct-input"
              value={tagDraft}
              maxlength={DISH_LIMITS.tag}
              placeholder="输入标签"
              confirmType="done"
              onInput={(e) => setTagDraft(valueOf(e))}
              onConfirm={addTag}
            />
            <View className="ui-small-button tap" ariaRole="button" onClick={addTag}>
              添加
            </View>
          </View>
        </FormRow>
        <FormRow label="过敏原">
          <View className="ui-chips" ariaLabel="过敏原">
            {ALLERGENS.map((a) => (
              <View
                key={a}
                className={`ui-chip ui-chip--small tap${form.allergens.includes(a) ? ' ui-chip--on' : ''}`}
                ariaRole="checkbox"
                aria-checked={form.allergens.includes(a)}
                onClick={() => set({ allergens: toggle(form.allergens, a) })}
              >
                {a}
              </View>
            ))}
          </View>
        </FormRow>
        <FormRow label="介绍">
          <Textarea
            className="ui-input ui-textarea"
            value={form.description}
            maxlength={DISH_LIMITS.description}
            placeholder="口味、做法等，选填"
            onInput={(e) => set({ description: valueOf(e) })}
          />
        </FormRow>
        <FormRow label="照片" hint="JPG、PNG 或 WebP，不超过 5 MB">
          <View className="ct-photo-edit">
            <Photo url={form.photoUrl} className="ct-photo-edit__img" alt={form.name || '菜品'} />
            <View className="ui-chips">
              <View className="ui-small-button tap" ariaRole="button" onClick={() => void choosePhoto()}>
                {uploading ? '上传中…' : form.photoUrl ? '更换照片' : '上传照片'}
              </View>
              {form.photoUrl ? (
                <View
                  className="ui-small-button ui-small-button--danger tap"
                  ariaRole="button"
                  onClick={() => set({ photoUrl: null })}
                >
                  移除照片
                </View>
              ) : null}
            </View>
          </View>
          {photoError ? <Text className="ui-field__error ct-error">{photoError}</Text> : null}
        </FormRow>
        {formError ? <Text className="ui-field__error ct-error">{formError}</Text> : null}
      </View>
      <View className="ui-actions">
        <View className="button button--primary tap" ariaRole="button" onClick={() => void save()}>
          {saving ? '保存中…' : '保存'}
        </View>
      </View>
      {dish ? (
        <View className="ui-actions">
          {dish.retired ? (
            <View className="button button--plain tap" ariaRole="button" onClick={() => void retire(false)}>
              恢复使用
            </View>
          ) : (
            <View className="button button--danger tap" ariaRole="button" onClick={() => setConfirmRetire(true)}>
              停用此菜品
            </View>
          )}
        </View>
      ) : null}
      <ConfirmDialog
        visible={confirmRetire}
        title="停用菜品"
        content={`停用“${dish?.name ?? ''}”后不能再加入新菜单，已发布的菜单不受影响。确定停用？`}
        confirmText="停用"
        onCancel={() => setConfirmRetire(false)}
        onConfirm={() => {
          setConfirmRetire(false);
          void retire(true);
        }}
      />
    </View>
  );
}
