/** Taro's input events carry `detail.value`; a plain DOM event (jest) its target's value. */
export function inputValue(event: unknown): string {
  const e = event as { detail?: { value?: unknown }; target?: { value?: unknown } };
  return String(e.detail?.value ?? e.target?.value ?? '');
}
