import { useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { MEAL_CARD_LIMITS } from '@contract/meal-card';
import type { TopupRequest, TopupResult } from '@contract/meal-card.schema';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { useRequireSession } from '@/features/session';
import { errorMessage, isApiError } from '@/shared/http';
import { formatListTime } from '@/shared/time';
import { fetchCardOf, topUp } from '../api';
import { newIdempotencyKey } from '../idempotency-key';
import { inputValue } from '../input-value';
import { formatFen, parseYuan } from '../money';
import './meal-card.css';

type Mode = 'person' | 'unit';

/**
 * 餐卡充值 (admin): one person's card by person ID, or every card of a unit (a monthly subsidy),
 * the same amount each, with a note. Confirmed first; each attempt carries one Idempotency-Key so
 * a retry after a timeout never pays twice.
 */
export function TopupScreen() {
  const me = useRequireSession();
  const [mode, setMode] = useState<Mode>('person');
  const [who, setWho] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [lookup, setLookup] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<TopupResult | null>(null);
  const attempt = useRef<{ key: string; fingerprint: string } | null>(null);

  if (!me) return <View className="status">加载中…</View>;
  if (!me.roles.includes('admin')) return <View className="status">餐卡充值仅限管理员使用</View>;

  const amountFen = parseYuan(amount);
  const target = who.trim();
  const request = (): TopupRequest | string => {
    if (!target) return mode === 'person' ? '请填写人员编号' : '请填写单位名称';
    if (amountFen === null || amountFen < 1) return '请填写充值金额（元，最多两位小数）';
    if (amountFen > MEAL_CARD_LIMITS.maxTopupFen) return `单次充值不能超过 ${formatFen(MEAL_CARD_LIMITS.maxTopupFen)}`;
    if (!note.trim()) return '请填写备注，例如“11月餐补”';
    return { ...(mode === 'person' ? { personIds: [target] } : { unit: target }), amountFen, note: note.trim() };
  };

  const review = () => {
    const body = request();
    if (typeof body === 'string') {
      setProblem(body);
      return;
    }
    setProblem(null);
    setConfirming(true);
  };

  const send = async () => {
    setConfirming(false);
    const body = request();
    if (typeof body === 'string') return;
    const fingerprint = JSON.stringify(body);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { key: newIdempotencyKey(), fingerprint };
    setSending(true);
    try {
      setResult(await topUp(body, attempt.current.key));
      attempt.current = null;
      setWho('');
      setAmount('');
      setNote('');
      setLookup(null);
    } catch (error) {
      // A refusal settles this attempt; no answer at all keeps the key for the retry.
      if (isApiError(error) && error.status >= 400 && error.status < 500) attempt.current = null;
      setProblem(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  const check = async () => {
    if (!target) return;
    setLookup('正在查询…');
    try {
      const card = await fetchCardOf(target);
      setLookup(`当前余额 ${formatFen(card.balanceFen)}`);
    } catch (error) {
      setLookup(errorMessage(error));
    }
  };

  const whom = mode === 'person' ? `人员 ${target}` : `单位“${target}”的每位人员`;
  return (
    <View className="topup">
      <View className="card">
        <View className="topup__modes" ariaRole="radiogroup" ariaLabel="充值方式">
          {(
            [
              ['person', '给一个人充值'],
              ['unit', '按单位充值'],
            ] as const
          ).map(([value, label]) => (
            <View
              key={value}
              className={`topup__mode tap${mode === value ? ' topup__mode--on' : ''}`}
              ariaRole="radio"
              ariaLabel={mode === value ? `${label}，已选中` : label}
              onClick={() => {
                setMode(value);
                setWho('');
                setLookup(null);
                setProblem(null);
              }}
            >
              {label}
            </View>
          ))}
        </View>

        <Text className="topup__label">{mode === 'person' ? '人员编号' : '单位名称（与人员资料中的单位一致）'}</Text>
        <View className="topup__row">
          <Input
            className="topup__input"
            value={who}
            placeholder={mode === 'person' ? '请输入人员编号' : '例如 市财政局'}
            maxlength={mode === 'person' ? 64 : 100}
            onInput={(e) => {
              setWho(inputValue(e));
              setLookup(null);
            }}
          />
          {mode === 'person' ? (
            <View className="button button--plain tap topup__check" ariaRole="button" onClick={() => void check()}>
              查询
            </View>
          ) : null}
        </View>
        {lookup ? <Text className="text-muted">{lookup}</Text> : null}

        <Text className="topup__label">{mode === 'person' ? '充值金额（元）' : '每人充值金额（元）'}</Text>
        <Input
          className="topup__input"
          type="digit"
          value={amount}
          placeholder="例如 200"
          maxlength={10}
          onInput={(e) => setAmount(inputValue(e))}
        />

        <Text className="topup__label">备注</Text>
        <Input
          className="topup__input"
          value={note}
          placeholder="例如 11月餐补"
          maxlength={100}
          onInput={(e) => setNote(inputValue(e))}
        />

        {problem ? (
          <View className="topup__problem" ariaRole="alert">
            {problem}
          </View>
        ) : null}
        <View
          className={`button button--primary tap topup__submit${sending ? ' button--off' : ''}`}
          ariaRole="button"
          onClick={() => (sending ? undefined : review())}
        >
          {sending ? '正在充值…' : '充值'}
        </View>
        <Text className="text-muted">每笔充值都会记入餐卡流水，并记录操作人。</Text>
      </View>

      {result ? (
        <View className="card topup__result" ariaRole="status">
          <Text className="topup__done">{`充值成功：${result.recipients.length} 人，合计 ${formatFen(result.totalFen)}`}</Text>
          <Text className="text-muted">{`${result.note} · 每人 ${formatFen(result.amountFen)} · ${formatListTime(result.at)}`}</Text>
          {result.recipients.slice(0, 50).map((r) => (
            <View key={r.personId} className="topup__recipient">
              <Text>{r.name || r.personId}</Text>
              <Text className="text-muted">{`余额 ${formatFen(r.balanceAfterFen)}`}</Text>
            </View>
          ))}
          {result.recipients.length > 50 ? (
            <Text className="text-muted">{`…另有 ${result.recipients.length - 50} 人`}</Text>
          ) : null}
        </View>
      ) : null}

      <ConfirmDialog
        visible={confirming}
        title="确认充值？"
        content={`为${whom}充值 ${amountFen === null ? '' : formatFen(amountFen)}（${note.trim()}）。充值后不能撤回。`}
        confirmText="确认充值"
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
