import { cleanName, isBlankText, quotedSentence, textProblem, typedText, visibleText } from '@contract/text';

// The text rules the BFF's edge applies to every request, and forms may apply before sending.

describe('textProblem', () => {
  it('passes ordinary text, Chinese, emoji and line breaks in free text', () => {
    for (const text of ['张伟', '第一行\n第二行\r\n\t缩进', 'Café ☕ 🍜', '', '   ', '\u200e右到左标记']) {
      expect(textProblem(text)).toBeUndefined();
    }
  });

  it('refuses control characters; without multiline also tab and line breaks', () => {
    for (const c of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f'])
      expect(textProblem(`a${c}b`)).toBe('control');
    for (const c of ['\t', '\n', '\r']) {
      expect(textProblem(`a${c}b`)).toBeUndefined();
      expect(textProblem(`a${c}b`, false)).toBe('control');
    }
  });

  it('refuses lone surrogates but not a whole pair', () => {
    expect(textProblem('a\ud800b')).toBe('control');
    expect(textProblem('a\udc00')).toBe('control');
    expect(textProblem('😀')).toBeUndefined();
  });

  it('refuses bidi embeddings, overrides and isolates', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(textProblem(`invoice${c}fdp.exe`)).toBe('bidi');
    }
  });

  it('calls text blank when only invisible characters and whitespace are in it', () => {
    for (const text of ['\u200b', ' \u200b\u200d ', '\ufeff\u3000', '\u2060', '\u00ad'])
      expect(textProblem(text)).toBe('blank');
    expect(textProblem('张\u200b伟')).toBeUndefined();
  });
});

describe('helpers for forms and services', () => {
  it('visibleText, isBlankText and cleanName', () => {
    expect(visibleText(' 张 \u200b伟\u3000')).toBe('张伟');
    expect(isBlankText(' \u200b\n')).toBe(true);
    expect(isBlankText('a')).toBe(false);
    expect(cleanName('  张三\u200b ')).toBe('张三');
  });
});

describe('typedText', () => {
  it('keeps a field trimmed; blank or with a control character it is undefined', () => {
    expect(typedText('  车位已满，临时停放  ', false)).toBe('车位已满，临时停放');
    expect(typedText('第一行\n第二行', true)).toBe('第一行\n第二行');
    expect(typedText('第一行\n第二行', false)).toBeUndefined();
    expect(typedText('a\u0007b', true)).toBeUndefined();
    for (const blank of ['', '   ', '\u3000', '\u200b \ufeff']) {
      expect(typedText(blank, true)).toBeUndefined();
      expect(typedText(blank, false)).toBeUndefined();
    }
  });
});

describe('quotedSentence', () => {
  it('ends a quote with one full stop, cuts long ones with …', () => {
    expect(quotedSentence('已增加午间临时窗口。', 60)).toBe('已增加午间临时窗口。');
    expect(quotedSentence('已增加午间临时窗口', 60)).toBe('已增加午间临时窗口。');
    expect(quotedSentence('  好的！ ', 60)).toBe('好的！');
    expect(quotedSentence('一二三四五六', 3)).toBe('一二三…');
    expect(quotedSentence('😀😀😀😀', 2)).toBe('😀😀…');
  });
});
