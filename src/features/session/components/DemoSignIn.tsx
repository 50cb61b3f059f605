import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { DemoUser } from '@contract/auth.schema';
import { ROLES, ROLE_LABELS, type Role } from '@contract/roles';
import { errorMessage } from '@/shared/http';
import { completeSignIn } from '../actions';
import { fetchDemoUsers, signInAsDemoUser } from '../api';
import './sign-in.css';

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; users: DemoUser[] };

/** The role a person is listed under: their most specific one (干部职工 is what most people also are). */
const LISTING_ORDER: readonly Role[] = ['admin', 'dispatcher', 'canteen', 'guard', 'repairer', 'visitor', 'staff'];
const listedUnder = (user: DemoUser): Role | undefined => LISTING_ORDER.find((role) => user.roles.includes(role));

/** Demo users grouped by role, in the contract's role order; each person appears once. */
export function groupByRole(users: readonly DemoUser[]): { role: Role; label: string; users: DemoUser[] }[] {
  return ROLES.map((role) => ({
    role,
    label: ROLE_LABELS[role],
    users: users.filter((user) => listedUnder(user) === role),
  })).filter((group) => group.users.length > 0);
}

/** The demo sign-in list: tap a person to sign in as them. */
export function DemoSignIn({ redirect }: { redirect: string | undefined }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [busyId, setBusyId] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);

  // Promise chains, not async: this page is in the main package (see shared/http/client.ts).
  const loadUsers = useCallback(() => {
    setLoad({ state: 'loading' });
    return fetchDemoUsers().then(
      (users) => setLoad({ state: 'ready', users }),
      (error: unknown) => setLoad({ state: 'failed', message: errorMessage(error) }),
    );
  }, []);

  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);

  const choose = (user: DemoUser) => {
    if (busyId) return Promise.resolve();
    setBusyId(user.id);
    setSignInError(null);
    return signInAsDemoUser(user.id)
      .then((session) => completeSignIn(session, redirect))
      .catch((error: unknown) => setSignInError(errorMessage(error)))
      .finally(() => setBusyId(null));
  };

  return (
    <View className="demo">
      <Text className="demo__title">演示登录</Text>
      <Text className="demo__hint">选择一位演示用户，体验对应角色能用的服务</Text>
      {signInError ? <Text className="demo__error">{signInError}</Text> : null}
      {load.state === 'loading' ? <Text className="demo__status">正在加载演示用户…</Text> : null}
      {load.state === 'failed' ? (
        <View className="demo__failed">
          <Text className="demo__error">{load.message}</Text>
          <View className="button button--plain tap" onClick={() => void loadUsers()}>
            重试
          </View>
        </View>
      ) : null}
      {load.state === 'ready' && load.users.length === 0 ? <Text className="demo__status">暂无演示用户</Text> : null}
      {load.state === 'ready'
        ? groupByRole(load.users).map((group) => (
            <View key={group.role} className="demo__group">
              <Text className="demo__group-label">{group.label}</Text>
              {group.users.map((user) => (
                <View key={user.id} className="demo__user tap" ariaRole="button" onClick={() => void choose(user)}>
                  <Text className="demo__name">{user.name}</Text>
                  <Text className="demo__unit">{busyId === user.id ? '正在登录…' : user.unit}</Text>
                </View>
              ))}
            </View>
          ))
        : null}
    </View>
  );
}
