/**
 * Visitors' rules both sides share (dependency-free): the privacy notice a visitor agrees to before
 * giving personal data, and the bounds of the fields.
 */

/** The privacy notice (PIPL art. 17): what is collected, why, for how long, who sees it. */
export const VISITOR_PRIVACY_NOTICE = {
  /** Changes whenever the text changes; an agreement names the version it agreed to. */
  version: '2026-12-v1',
  title: '访客个人信息处理告知',
  paragraphs: [
    '收集哪些信息：姓名、手机号码，园区要求时收集身份证号码，驾车来访时收集车牌号。',
    '为什么收集：用于被访人审批、门岗核验身份和车辆入园，以及安全事件的追溯。',
    '保存多久：来访结束后按园区规定保存（默认 30 天），期满自动清除，仅保留不含个人信息的来访统计。',
    '谁能看到：被访人和门岗只能看到打码后的信息；门岗核验身份时可查看一次完整身份证号，每次查看都会留痕。',
    '您的权利：可随时取消预约，来访结束后可在“我的来访”中删除记录。',
  ],
} as const;

export const VISIT_LIMITS = {
  nameMax: 20,
  purposeMax: 100,
  reasonMax: 200,
  companionsMax: 20,
  daysAhead: 30,
  /** Short code on the pass: 8 characters from an alphabet without look-alikes. */
  passCodeLength: 8,
} as const;

/** Characters of the short code: no 0/O, 1/I/L. */
export const PASS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
