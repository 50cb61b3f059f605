import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { ScanResult } from '@contract/visitors.schema';
import { inputValue } from '@/features/meal-card/input-value';
import { errorMessage, isApiError } from '@/shared/http';
import { canScan, scanCode } from '@/shared/scan/scan';
import { scanPass } from '../api';
import { openVisitorPage } from '../routes';
import { visitorText, windowText } from '../vocab';

type Outcome = { kind: 'ok'; result: ScanResult } | { kind: 'refused'; message: string; confirmCheckOut?: string };

/**
 * 核验通行码: scan the visitor's QR (WeChat's scanner, 浙政钉's in its H5) or type the 8-character
 * short code; the first scan checks in, the next checks out; a refusal says why.
 */
export function ScanPanel({ onScanned }: { onScanned: () => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const scannable = canScan();

  const submit = async (text: string, checkOut = false) => {
    if (busy) return;
    if (!text.trim()) return setOutcome({ kind: 'refused', message: '请输入 8 位通行短码' });
    setBusy(true);
    try {
      const result = await scanPass(text.trim(), checkOut);
      setOutcome({ kind: 'ok', result });
      setCode('');
      onScanned();
    } catch (error) {
      // Moments after check-in a second scan is most often a double scan; the guard can still confirm.
      const justIn = isApiError(error) && error.code === 'PASS_CHECKED_IN_JUST_NOW';
      setOutcome({ kind: 'refused', message: errorMessage(error), confirmCheckOut: justIn ? text.trim() : undefined });
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    const result = await scanCode();
    if (result.kind === 'ok') await submit(result.text);
    else if (result.kind === 'failed') void Taro.showToast({ title: '扫码失败，请重试或输入短码', icon: 'none' });
    else if (result.kind === 'unavailable')
      void Taro.showToast({ title: '当前环境不能扫码，请输入短码', icon: 'none' });
  };

  return (
    <View className="card">
      <Text className="ui-section-title">核验通行码</Text>
      <View className="vs-row">
        <Input
          className="ui-input ui-input--grow"
          value={code}
          maxlength={8}
          placeholder="8 位短码"
          ariaLabel="通行短码"
          confirmType="done"
          onInput={(e) => setCode(inputValue(e).toUpperCase())}
          onConfirm={() => void submit(code)}
        />
        <View
          className={`button button--primary tap${busy ? ' button--off' : ''}`}
          ariaRole="button"
          onClick={() => void submit(code)}
        >
          {busy ? '核验中…' : '核验'}
        </View>
        {scannable ? (
          <View className="button button--plain tap" ariaRole="button" onClick={() => void scan()}>
            扫码
          </View>
        ) : null}
      </View>
      {outcome?.kind === 'ok' ? (
        <View
          className={`vs-result vs-result--ok tap`}
          ariaRole="status"
          onClick={() => openVisitorPage('visit', { id: outcome.result.visit.id })}
        >
          <Text className="vs-result__verdict">
            {outcome.result.action === 'checked-in' ? '✓ 已签到入园' : '✓ 已签离'}
          </Text>
          <Text>{`${visitorText(outcome.result.visit)} · 拜访 ${outcome.result.visit.host.name}`}</Text>
          <Text className="text-muted">{windowText(outcome.result.visit)}</Text>
          {outcome.result.visit.flagged ? <Text className="vs-flag">⚠ 该访客在限制名单中，请核实身份</Text> : null}
        </View>
      ) : outcome?.kind === 'refused' ? (
        <View className="vs-result vs-result--refused" ariaRole="alert">
          <Text className="vs-result__verdict">{outcome.confirmCheckOut ? '⚠ 刚刚已签到' : '✗ 不能通行'}</Text>
          <Text>{outcome.message}</Text>
          {outcome.confirmCheckOut ? (
            <View
              className={`button button--primary tap${busy ? ' button--off' : ''}`}
              ariaRole="button"
              onClick={() => void submit(outcome.confirmCheckOut ?? '', true)}
            >
              确认签离
            </View>
          ) : null}
        </View>
      ) : (
        <Text className="text-muted">
          {scannable ? '扫描访客出示的通行二维码，或输入 8 位短码' : '输入访客出示的 8 位通行短码'}
        </Text>
      )}
    </View>
  );
}
