/**
 * jest stand-in for `@tarojs/components`: plain DOM elements, so component tests render what a
 * browser would. Taro's camelCase aria props (`ariaRole`, `ariaLabel`, `ariaChecked`) become real
 * ARIA attributes; Taro-only props are dropped.
 */
import { createElement, Fragment, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode };

const ARIA: Record<string, string> = {
  ariaRole: 'role',
  ariaLabel: 'aria-label',
  ariaChecked: 'aria-checked',
  ariaDisabled: 'aria-disabled',
  ariaHidden: 'aria-hidden',
};

const PASS =
  /^(className|style|id|children|onClick|onInput|onChange|onFocus|onBlur|onTouchStart|onTouchEnd|tabIndex|disabled|src|alt|value|placeholder|type|role|data-.*|aria-.*)$/;

function domProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (ARIA[key]) {
      if (value !== undefined) out[ARIA[key]] = typeof value === 'boolean' ? String(value) : value;
    } else if (PASS.test(key)) {
      out[key] = value;
    }
  }
  return out;
}

const element = (tag: string) =>
  function TaroElement(props: Props) {
    return createElement(tag, domProps(props), props.children);
  };

export const View = element('div');
export const Text = element('span');
export const Button = element('button');
export const Label = element('label');
export const ScrollView = element('div');
export const Swiper = element('div');
export const SwiperItem = element('div');
export const Navigator = element('a');
export const Form = element('form');
export const Image = (props: Props) => createElement('img', domProps(props));
export const Input = (props: Props) => createElement('input', domProps(props));
export const Textarea = (props: Props) => createElement('textarea', domProps(props));
export const Block = ({ children }: Props) => createElement(Fragment, null, children);
