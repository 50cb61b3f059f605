import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { BoardOrder } from '@contract/takeaway.schema';
import { errorMessage } from '@/shared/http';
import { canScan, scanCode } from '@/shared/scan/scan';
import { inputValue } from '@/features/meal-card/input-value';
import { unlockCue } from '../cue';
import { pickupCodeFrom } from '../board';
import { linesText } from '../format';
import { collectPickup } from '../api';
import '@/shared/ui/styles';

type Outcome = { kind: 'collected'; order: BoardOrder } | { kind: 'refused'; code: string; message: string };

/** 取餐核销: scan the order's QR or type its 6 digits → collected, or the reason it is refused. */
export function PickupPanel({
  canteenId,
  onCollected,
}: {
  canteenId: string;
  onCollected: (order: BoardOrder) => void;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const scannable = canScan();

  const submit = async (text: string) => {
    unlockCue();
    if (busy) return;
    const digits = pickupCodeFrom(text);
    if (!digits) {
      setOutcome({ kind: 'refused', code: text.trim(), message: '请输入 6 位数字取餐码' });
      return;
    }
    setBusy(true);
    try {
      const order = await collectPickup(canteenId, digits);
      setOutcome({ kind: 'collected', order });
      setCode('');
      onCollected(order);
    } catch (error) {
      setOutcome({ kind: 'refused', code: digits, message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    unlockCue();
    const result = await scanCode();
    if (result.kind === 'ok') {
      setCode(result.text.trim().slice(0, 32));
      await submit(result.text);
    } else if (result.kind === 'failed') {
      void Taro.showToast({ title: '扫码失败，请重试或输入取餐码', icon: 'none' });
    } else if (result.kind === 'unavailable') {
      void Taro.showToast({ title: '当前环境不能扫码，请输入取餐码', icon: 'none' });
    }
  };

  return (
    <View className="card ta-pickup">
      <Text className="ui-section-title">取餐核销</Text>
      <View className="ta-pickup__row">
        <Input
          className="ta-pickup__input"
          type="number"
          value={code}
          maxlength={6}
          placeholder="输入 6 位取餐码"
          ariaLabel="取餐码"
          confirmType="done"
          onInput={(e) => setCode(inputValue(e))}
          onConfirm={() => void submit(code)}
        />
        <View
          className={`button button--primary tap ta-pickup__go${busy ? ' button--off' : ''}`}
          ariaRole="button"
          onClick={() => void submit(code)}
        >
          {busy ? '核销中…' : '核销'}
        </View>
        {scannable ? (
          <View className="button button--plain tap ta-pickup__scan" ariaRole="button" onClick={() => void scan()}>
            扫码
          </View>
        ) : null}
      </View>
      {outcome?.kind === 'collected' ? (
        <View className="ta-pickup__result ta-pickup__result--ok" ariaRole="status">
          <Text className="ta-pickup__verdict">{`✓ 已取餐 · ${outcome.order.pickupCode}`}</Text>
          <Text>{`${outcome.order.person.name}（${outcome.order.person.unit}）`}</Text>
          <Text className="ta-pickup__lines">{linesText(outcome.order)}</Text>
        </View>
      ) : outcome?.kind === 'refused' ? (
        <View className="ta-pickup__result ta-pickup__result--refused" ariaRole="alert">
          <Text className="ta-pickup__verdict">{`✗ 不能核销${outcome.code ? ` · ${outcome.code}` : ''}`}</Text>
          <Text>{outcome.message}</Text>
        </View>
      ) : (
        <Text className="text-muted">
          {scannable ? '扫描顾客出示的取餐二维码，或输入 6 位取餐码' : '输入顾客出示的 6 位取餐码'}
        </Text>
      )}
    </View>
  );
}
