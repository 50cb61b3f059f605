import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PersonRoles, RoleChange } from '@contract/people-admin.schema';
import { ROLES, ROLE_LABELS, type Role } from '@contract/roles';
import { useRequireSession } from '@/features/session';
import { errorMessage } from '@/shared/http';
import { formatListTime } from '@/shared/time';
import { useRemote } from '@/shared/remote/use-remote';
import { Check } from '@/shared/ui/Check';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { LoadError, Loading, NoAccess } from '@/shared/ui/StatusView';
import { toast } from '@/shared/ui/toast';
import '@/shared/ui/styles';
import { fetchPersonRoles, fetchRoleChanges, savePersonRoles } from '../api';
import { repairerPage } from '../routes';
import './people-admin.css';

const rolesText = (roles: readonly Role[]) => (roles.length ? roles.map((r) => ROLE_LABELS[r]).join('、') : '无');
const setText = (set: RoleChange['before']) =>
  `${rolesText(set.roles)}${set.canteens.length ? `（${set.canteens.join('、')}）` : ''}`;

/** The person's audit: who changed what, when; newest first, a page at a time. */
function History({ personId, version }: { personId: string; version: number }) {
  const [items, setItems] = useState<RoleChange[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (cursor?: string) => {
      setState('loading');
      fetchRoleChanges(personId, cursor).then(
        (page) => {
          setItems((shown) => (cursor ? [...shown, ...page.items] : page.items));
          setNext(page.nextCursor);
          setState('ready');
        },
        (e: unknown) => {
          setError(errorMessage(e));
          setState('error');
        },
      );
    },
    [personId],
  );
  useEffect(() => load(), [load, version]);

  return (
    <View className="pa-panel">
      <Text className="pa-title">变更记录</Text>
      {items.length === 0 && state === 'ready' ? <Text className="text-muted">暂无变更记录</Text> : null}
      {items.map((change) => (
        <View key={change.id} className="pa-change">
          <Text className="pa-change__head">{`${change.by.name} · ${formatListTime(change.at)}`}</Text>
          <Text className="pa-change__sets">{`${setText(change.before)} → ${setText(change.after)}`}</Text>
        </View>
      ))}
      {state === 'error' ? <LoadError message={error} onRetry={() => load()} /> : null}
      {state === 'loading' ? <Text className="text-muted">加载中…</Text> : null}
      {state === 'ready' && next ? (
        <View className="button button--plain tap" ariaRole="button" onClick={() => load(next)}>
          加载更多
        </View>
      ) : null}
    </View>
  );
}

/** One person's roles: tick roles (and, for 食堂, canteens), 保存; taking a role away is confirmed first. */
export function PersonScreen({ personId }: { personId: string }) {
  const me = useRequireSession();
  const isAdmin = me?.roles.includes('admin') ?? false;
  const remote = useRemote<PersonRoles>(isAdmin && personId ? `person-roles:${personId}` : null, () =>
    fetchPersonRoles(personId),
  );
  /** What the admin has ticked; null: nothing changed since the last answer (it is shown). */
  const [draft, setDraft] = useState<{ roles: Role[]; canteenIds: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const saved = remote.data;

  if (me && !isAdmin) return <NoAccess reason="人员与角色仅向管理员开放" />;
  if (remote.status === 'error') return <LoadError message={remote.error} onRetry={() => void remote.reload()} />;
  if (!saved) return <Loading />;

  const { roles, canteenIds } = draft ?? { roles: saved.roles, canteenIds: saved.canteens.map((c) => c.id) };
  const removed = saved.roles.filter((r) => !roles.includes(r));
  const dirty =
    removed.length > 0 ||
    roles.some((r) => !saved.roles.includes(r)) ||
    canteenIds.length !== saved.canteens.length ||
    canteenIds.some((id) => !saved.canteens.some((c) => c.id === id));

  const toggleRole = (role: Role, on: boolean) => {
    setProblem(null);
    setDraft({
      roles: on ? ROLES.filter((r) => r === role || roles.includes(r)) : roles.filter((r) => r !== role),
      canteenIds,
    });
  };
  const toggleCanteen = (id: string, on: boolean) => {
    setProblem(null);
    setDraft({ roles, canteenIds: on ? [...canteenIds, id] : canteenIds.filter((c) => c !== id) });
  };

  const save = () => {
    setConfirming(false);
    if (roles.includes('canteen') && canteenIds.length === 0) return setProblem('请选择所在食堂');
    setSaving(true);
    savePersonRoles(personId, { roles, canteenIds: roles.includes('canteen') ? canteenIds : [] })
      .then((answer) => {
        remote.setData(answer);
        setDraft(null);
        setVersion((v) => v + 1);
        void Taro.showToast({ title: '已保存', icon: 'success' });
      })
      .catch((e: unknown) => {
        setProblem(errorMessage(e));
        toast(e);
      })
      .finally(() => setSaving(false));
  };

  return (
    <View className="pa">
      <View className="pa-panel">
        <Text className="pa-person__name">{saved.person.name}</Text>
        <Text className="text-muted">{saved.person.unit || '未填单位'}</Text>
        {saved.person.disabled ? <Text className="ui-tag ui-tag--danger">已停用</Text> : null}
      </View>

      <View className="pa-panel" ariaRole="group" ariaLabel="角色">
        <Text className="pa-title">角色</Text>
        {ROLES.map((role) => (
          <Check
            key={role}
            label={ROLE_LABELS[role]}
            checked={roles.includes(role)}
            onChange={(on) => toggleRole(role, on)}
          />
        ))}
      </View>

      {roles.includes('canteen') ? (
        <View className="pa-panel" ariaRole="group" ariaLabel="所在食堂">
          <Text className="pa-title">所在食堂</Text>
          {saved.canteenOptions.map((canteen) => (
            <Check
              key={canteen.id}
              label={canteen.name}
              checked={canteenIds.includes(canteen.id)}
              onChange={(on) => toggleCanteen(canteen.id, on)}
            />
          ))}
        </View>
      ) : null}

      {saved.roles.includes('repairer') ? (
        <View className="pa-panel">
          <View
            className="ui-cell tap"
            ariaRole="button"
            onClick={() => void Taro.navigateTo({ url: repairerPage(personId) })}
          >
            <View className="ui-cell__main">
              <Text className="ui-cell__title">维修技能、区域与排班</Text>
              <Text className="text-muted">在报修服务中设置</Text>
            </View>
            <Text className="ui-cell__side">›</Text>
          </View>
        </View>
      ) : null}

      {problem ? (
        <View ariaRole="alert">
          <Text className="status__error">{problem}</Text>
        </View>
      ) : null}
      <View
        className={`button button--primary tap${!dirty || saving ? ' button--off' : ''}`}
        ariaRole="button"
        aria-disabled={!dirty || saving}
        onClick={() => {
          if (!dirty || saving) return;
          if (removed.length > 0) setConfirming(true);
          else save();
        }}
      >
        {saving ? '保存中…' : '保存'}
      </View>

      <History personId={personId} version={version} />

      <ConfirmDialog
        visible={confirming}
        title="确认移除角色"
        content={`将移除${saved.person.name}的“${rolesText(removed)}”角色，相关权限立即失效。`}
        confirmText="移除"
        onConfirm={save}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
