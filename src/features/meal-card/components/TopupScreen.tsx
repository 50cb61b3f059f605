import { useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { MEAL_CARD_LIMITS } from '@contract/meal-card';
import type { TopupRequest, TopupResult } from '@contract/meal-card.schema';
import type { DirectoryPerson } from '@contract/people.schema';
import { NoAccess } from '@/shared/ui/StatusView';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { useRequireSession } from '@/features/session';
import { errorMessage, isApiError } from '@/shared/http';
import { formatListTime } from '@/shared/time';
import { topUp } from '../api';
import { usePeopleSearch, useUnits } from '../directory';
import { newIdempotencyKey } from '@/shared/http/idempotency-key';
import { inputValue } from '../input-value';
import { formatFen, parseYuan } from '@/shared/money';
import { PeoplePicker, UnitPicker, type PickedUnit } from './DirectoryPickers';
import './meal-card.css';
import { Chips } from '@/shared/ui/Chips';

type Mode = 'person' | 'unit';

/** Whom the money goes to: one person picked from the directory, or everyone in a unit. */
const TOPUP_MODES: readonly { value: Mode; label: string }[] = [
  { value: 'person', label: '给一个人充值' },
  { value: 'unit', label: '按单位充值' },
];

type Target = { kind: 'person'; person: DirectoryPerson } | { kind: 'unit'; unit: PickedUnit };

const headcount = (target: Target) => (target.kind === 'person' ? 1 : target.unit.people);

const whomText = (target: Target) =>
  target.kind === 'person'
    ? `${target.person.name}（${target.person.unit || '未填单位'}）`
    : `“${target.unit.unit}”的 ${target.unit.people} 人`;

/**
 * 餐卡充值 (admin): pick one person from the people directory (search by name or unit), or a whole
 * unit from the unit list (a monthly subsidy), the same amount each, with a note. The count and
 * total show before the confirmation, which comes before any money moves; each attempt carries one
 * Idempotency-Key so a retry after a timeout never pays twice.
 */
export function TopupScreen() {
  const me = useRequireSession();
  const isAdmin = me?.roles.includes('admin') ?? false;
  const [mode, setMode] = useState<Mode>('person');
  const [target, setTarget] = useState<Target | null>(null);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<TopupResult | null>(null);
  const attempt = useRef<{ key: string; fingerprint: string } | null>(null);
  const people = usePeopleSearch(isAdmin && mode === 'person' && target === null);
  const units = useUnits(isAdmin && mode === 'unit' && target === null);

  if (!me) return <View className="status">加载中…</View>;
  if (!isAdmin) return <NoAccess reason="餐卡充值仅限管理员使用" />;

  const amountFen = parseYuan(amount);
  /** The amount per person when it is one the server takes, else null. */
  const each = amountFen !== null && amountFen >= 1 && amountFen <= MEAL_CARD_LIMITS.maxTopupFen ? amountFen : null;
  const request = (): TopupRequest | string => {
    if (!target) return mode === 'person' ? '请先从列表中选择充值人员' : '请先从列表中选择单位';
    if (amountFen === null || amountFen < 1) return '请填写充值金额（元，最多两位小数）';
    if (amountFen > MEAL_CARD_LIMITS.maxTopupFen) return `单次充值不能超过 ${formatFen(MEAL_CARD_LIMITS.maxTopupFen)}`;
    if (!note.trim()) return '请填写备注，例如“11月餐补”';
    return {
      ...(target.kind === 'person' ? { personIds: [target.person.id] } : { unit: target.unit.unit }),
      amountFen,
      note: note.trim(),
    };
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
      setTarget(null);
      setAmount('');
      setNote('');
      people.reload(); // balances changed
    } catch (error) {
      // A refusal settles this attempt; no answer at all keeps the key for the retry.
      if (isApiError(error) && error.status >= 400 && error.status < 500) attempt.current = null;
      setProblem(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  const pick = (next: Target) => {
    setTarget(next);
    setProblem(null);
    setResult(null);
  };

  const count = target ? headcount(target) : 0;
  const totalFen = each === null ? 0 : count * each;
  return (
    <View className="topup">
      {/* First on the page: the answer is what the admin looks for after confirming. */}
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

      <View className="card">
        <Chips
          label="充值方式"
          className="topup__modes"
          options={TOPUP_MODES}
          value={mode}
          onChange={(value) => {
            if (mode === value) return;
            setMode(value);
            setTarget(null);
            setProblem(null);
          }}
        />

        <Text className="ui-label">{mode === 'person' ? '充值人员' : '充值单位（单位内每人各充一份）'}</Text>
        {target ? (
          <View className="topup__picked" ariaLabel={`已选择 ${whomText(target)}`}>
            <View className="topup__picked-main">
              <Text className="topup__picked-name">
                {target.kind === 'person' ? target.person.name : target.unit.unit}
              </Text>
              <Text className="text-muted">
                {target.kind === 'person'
                  ? `${target.person.unit || '未填单位'} · 当前余额 ${formatFen(target.person.balanceFen)}`
                  : `共 ${target.unit.people} 人`}
              </Text>
            </View>
            <View className="topup__change tap" ariaRole="button" onClick={() => setTarget(null)}>
              更换
            </View>
          </View>
        ) : mode === 'person' ? (
          <PeoplePicker search={people} onPick={(person) => pick({ kind: 'person', person })} />
        ) : (
          <UnitPicker list={units} onPick={(unit) => pick({ kind: 'unit', unit })} />
        )}
      </View>

      <View className="card">
        <Text className="ui-label ui-label--first">{mode === 'person' ? '充值金额（元）' : '每人充值金额（元）'}</Text>
        <Input
          className="ui-input ui-input--grow topup__input"
          type="digit"
          value={amount}
          placeholder="例如 200"
          maxlength={10}
          onInput={(e) => setAmount(inputValue(e))}
        />

        <Text className="ui-label">备注</Text>
        <Input
          className="ui-input ui-input--grow topup__input"
          value={note}
          placeholder="例如 11月餐补"
          maxlength={100}
          onInput={(e) => setNote(inputValue(e))}
        />

        {target && each !== null ? (
          <View className="topup__summary" ariaRole="status">
            <Text>{`共 ${count} 人 × ${formatFen(each)}`}</Text>
            <Text className="topup__total">{`合计 ${formatFen(totalFen)}`}</Text>
          </View>
        ) : null}
        {problem ? (
          <View className="ui-banner ui-banner--danger topup__problem" ariaRole="alert">
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

      <ConfirmDialog
        visible={confirming && target !== null && each !== null}
        title="确认充值？"
        content={
          target && each !== null
            ? target.kind === 'person'
              ? `为 ${whomText(target)} 充值 ${formatFen(each)}（${note.trim()}）。充值后不能撤回。`
              : `为${whomText(target)}每人充值 ${formatFen(each)}，合计 ${formatFen(totalFen)}（${note.trim()}）。充值后不能撤回。`
            : ''
        }
        confirmText={`确认充值 ${formatFen(totalFen)}`}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
