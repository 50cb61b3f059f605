/**
 * Rules for text people type, shared by the BFF's edge check and the app's forms; dependency-free.
 *
 * The BFF applies `textProblem` to every string of every request (path, query and JSON body), so a
 * module's schema only bounds lengths and shapes. A form may call the same function to say what is
 * wrong before sending.
 */

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Every C0 and C1 control and DEL (paths and query strings have no room for line breaks). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * Bidirectional embeddings, overrides and isolates (LRE…RLO, LRI…PDI): they reorder what a reader
 * sees ("Trojan Source"), so a name could show one thing and be another. Marks (LRM, RLM) stay.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** A UTF-16 half without its other half: not text, and not representable in UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Characters that take no room: zero-width space/joiners, word joiner, BOM, Mongolian vowel separator, soft hyphen. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;
/** What may stand between words: whitespace in the JavaScript sense (includes the ideographic space U+3000). */
const WHITESPACE = /\s/g;

export type TextProblem = 'control' | 'bidi' | 'blank';

/**
 * What is wrong with `text`, or undefined when nothing is. `multiline` allows tab and line breaks
 * (free text in a body); without it every control character is refused (paths, query strings).
 * Blank: something was typed, but nothing visible remains once invisible characters and
 * whitespace are removed. (An empty string or plain spaces are left to each field's own rule.)
 */
export function textProblem(text: string, multiline = true): TextProblem | undefined {
  if ((multiline ? CONTROL_EXCEPT_WHITESPACE : ANY_CONTROL).test(text) || LONE_SURROGATE.test(text)) return 'control';
  if (BIDI_CONTROL.test(text)) return 'bidi';
  if (text.length > 0 && hasInvisible(text) && visibleText(text) === '') return 'blank';
  return undefined;
}

function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

/** `text` without invisible characters and whitespace: what a reader actually sees. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, '').replace(WHITESPACE, '');
}

/** True when nothing visible is left of `text` (empty, spaces, zero-width characters). */
export function isBlankText(text: string): boolean {
  return visibleText(text) === '';
}

/**
 * A field people type, as a module keeps it: trimmed; or undefined when nothing visible is in it or
 * it holds a control character (`multiline` lets tab and line breaks through, as in a description).
 * The edge has already refused control characters in JSON bodies except tab and line breaks, and
 * invisible-only text; this adds plain spaces as blank and line breaks in one-line fields. Each
 * module answers undefined with its own code.
 */
export function typedText(text: string, multiline: boolean): string | undefined {
  if ((multiline ? CONTROL_EXCEPT_WHITESPACE : ANY_CONTROL).test(text) || isBlankText(text)) return undefined;
  return text.trim();
}

/**
 * A person's or a thing's name as typed: trimmed, invisible characters removed. Use it before
 * storing a name so "张三\u200b" and "张三" are one name.
 */
export function cleanName(text: string): string {
  return text.replace(INVISIBLE, '').trim();
}

/** Punctuation that already ends a sentence: a quote ending in it needs no 。 of its own. */
const SENTENCE_END = /[。！？!?…．.]$/u;

/**
 * `text` quoted inside a sentence of ours (a message, a notice): at most `max` characters (a cut
 * ends in …), and ending in exactly one full stop, so "已处理。" does not become "已处理。。".
 */
export function quotedSentence(text: string, max: number): string {
  const chars = Array.from(text.trim());
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
  return SENTENCE_END.test(cut) ? cut : `${cut}。`;
}
