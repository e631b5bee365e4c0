/**
 * SW3, the SAM's status byte, with what each means for the person at the kiosk or the
 * technician. The first block is from devices.md §1; the rest from vendors' GA 467 manuals
 * (held loosely: an unknown code still gets a message naming it).
 */
import type { Text } from '../../common/text.js';

export const SW3_OK = 0x90;
export const SW3_FOUND = 0x9f;

const table: Record<number, Text> = {
  0x80: { 'zh-CN': '未找到身份证', en: 'No ID card found on the reader' },
  0x81: { 'zh-CN': '选卡失败，请重新放置身份证', en: 'Could not select the card: place it again' },
  0x41: { 'zh-CN': '读卡失败，请重新放置身份证', en: 'Reading the card failed: place it again' },
  0x31: { 'zh-CN': '卡认证 SAM 失败', en: 'The card could not authenticate the SAM' },
  0x32: {
    'zh-CN': 'SAM 认证卡失败，证件可能不是有效身份证',
    en: 'The SAM could not authenticate the card: it may not be a genuine ID card',
  },
  0x10: {
    'zh-CN': '阅读器收到的数据校验和错误',
    en: 'The reader received a frame with a bad checksum',
  },
  0x11: {
    'zh-CN': '阅读器收到的数据长度错误',
    en: 'The reader received a frame with a bad length',
  },
  0x21: { 'zh-CN': '阅读器不支持该命令', en: 'The reader does not know this command' },
  0x23: { 'zh-CN': '越权操作', en: 'Operation not permitted by the reader' },
  0x24: { 'zh-CN': '阅读器报告无法识别的错误', en: 'The reader reported an unrecognised error' },
  0x33: { 'zh-CN': '证件信息验证错误', en: 'The card data failed verification' },
  0x40: { 'zh-CN': '无法识别的卡类型', en: 'Unknown card type: is this a resident ID card?' },
  0x47: { 'zh-CN': '阅读器操作失败', en: 'The reader failed to carry out the operation' },
  0x60: {
    'zh-CN': 'SAM 自检失败，请联系技术人员',
    en: 'The SAM failed its self-test: call a technician',
  },
  0x66: {
    'zh-CN': 'SAM 未经授权，请联系技术人员',
    en: 'The SAM is not authorised: call a technician',
  },
};

const unknownForResident: Text = {
  'zh-CN': '读卡失败，请重新放置身份证，或联系工作人员',
  en: 'Reading the card failed: place it again, or ask the staff',
};

/** The code as a technician looks it up in the vendor's manual: SW3=41. */
export const sw3Detail = (sw3: number): string =>
  `SW3=${sw3.toString(16).toUpperCase().padStart(2, '0')}`;

/** What the resident reads for an SW3 that is not success: words, no code. */
export function sw3Message(sw3: number): Text {
  return table[sw3] ?? unknownForResident;
}

/** What a technician reads (device status, logs): the words and the code. */
export function sw3Text(sw3: number): Text {
  const code = sw3Detail(sw3);
  const known = table[sw3];
  if (known) return { 'zh-CN': `${known['zh-CN']}（${code}）`, en: `${known.en} (${code})` };
  return {
    'zh-CN': `阅读器返回未知状态 ${code}`,
    en: `The reader answered with unknown status ${code}`,
  };
}

export const knownSw3 = (): number[] => Object.keys(table).map(Number);
