import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AuditAction, Block } from '@contract/visitors.schema';
import { useRequireSession } from '@/features/session';
import { errorMessage } from '@/shared/http';
import { formatInstant } from '@/shared/time';
import { Chips } from '@/shared/ui/Chips';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { Loading, NoAccess } from '@/shared/ui/StatusView';
import { Tabs } from '@/shared/ui/Tabs';
import { toast } from '@/shared/ui/toast';
import { addBlock, fetchAudit, fetchBlocks, removeBlock } from '../api';
import { Field } from './Field';
import { PagedList } from './PagedList';
import './visitors.css';

const ACTION_LABELS: Record<AuditAction, string> = {
  invite: '邀请',
  apply: '申请',
  'walk-in': '临时登记',
  accept: '接受邀请',
  approve: '同意',
  decline: '拒绝',
  cancel: '取消',
  'check-in': '签到',
  'check-out': '签离',
  override: '门岗放行',
  reveal: '查看身份证号',
  delete: '访客删除',
  purge: '到期清除',
  block: '加入限制名单',
  unblock: '移出限制名单',
};

/** 访客管理 (admins): the block list (by ID number or mobile, matched by keyed hash) and the audit log. */
export function AdminScreen() {
  const me = useRequireSession();
  const [tab, setTab] = useState<'blocks' | 'audit'>('blocks');
  const [kind, setKind] = useState<'phone' | 'id'>('phone');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const [removing, setRemoving] = useState<Block | null>(null);
  if (!me) return <Loading />;
  if (!me.roles.includes('admin')) return <NoAccess reason="访客管理仅限管理员使用" />;

  const add = async () => {
    if (!value.trim() || !reason.trim()) return setError('请填写号码和原因');
    setError(null);
    try {
      await addBlock({ kind, value: value.trim(), reason: reason.trim() });
      setValue('');
      setReason('');
      setRound((n) => n + 1);
      void Taro.showToast({ title: '已加入', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const remove = async () => {
    const block = removing;
    setRemoving(null);
    if (!block) return;
    try {
      await removeBlock(block.id);
      setRound((n) => n + 1);
    } catch (e) {
      toast(e);
    }
  };

  return (
    <View className="vs">
      <Tabs
        label="访客管理"
        value={tab}
        onChange={setTab}
        items={[
          { value: 'blocks', label: '限制名单' },
          { value: 'audit', label: '审计日志' },
        ]}
      />
      {tab === 'blocks' ? (
        <>
          <View className="card">
            <Text className="text-muted">命中的来访不会被悄悄拒绝，而是提示被访人和门岗核实。</Text>
            <Chips
              label="号码类型"
              small
              options={[
                { value: 'phone', label: '手机号' },
                { value: 'id', label: '身份证号' },
              ]}
              value={kind}
              onChange={setKind}
            />
            <Field
              label={kind === 'phone' ? '手机号' : '身份证号'}
              value={value}
              onChange={setValue}
              maxlength={18}
              type={kind === 'phone' ? 'number' : 'idcard'}
            />
            <Field label="原因" value={reason} onChange={setReason} maxlength={200} />
            {error ? <Text className="ui-field__error">{error}</Text> : null}
            <View className="button button--primary tap" ariaRole="button" onClick={() => void add()}>
              加入限制名单
            </View>
          </View>
          <PagedList
            listKey={`blocks-${round}`}
            load={fetchBlocks}
            emptyTitle="限制名单为空"
            render={(b) => (
              <View className="card ui-cell">
                <View className="ui-cell__main">
                  <Text className="ui-cell__title">{`${b.kind === 'phone' ? '手机' : '身份证'} ${b.value}`}</Text>
                  <Text className="text-muted">{`${b.reason} · ${b.by} · ${formatInstant(b.createdAt)}`}</Text>
                </View>
                <View
                  className="ui-link ui-link--danger tap"
                  ariaRole="button"
                  ariaLabel={`移出 ${b.value}`}
                  onClick={() => setRemoving(b)}
                >
                  移出
                </View>
              </View>
            )}
          />
        </>
      ) : (
        <PagedList
          listKey="audit"
          load={fetchAudit}
          emptyTitle="还没有审计记录"
          render={(a) => (
            <View className="card vs-audit">
              <Text className="ui-cell__title">{`${ACTION_LABELS[a.action]} · ${a.actor ?? '系统'}（${a.role}）`}</Text>
              <Text className="text-muted">{`${formatInstant(a.at, 'YYYY-MM-DD HH:mm:ss')}${a.detail ? ` · ${a.detail}` : ''}`}</Text>
            </View>
          )}
        />
      )}
      <ConfirmDialog
        visible={removing !== null}
        title="移出限制名单"
        content={`确定把 ${removing?.value ?? ''} 移出限制名单吗？`}
        confirmText="移出"
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      />
    </View>
  );
}
