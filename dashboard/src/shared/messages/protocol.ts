import type { Lang } from '../langs.js';

// The device protocol's strings on the desk (the bad-messages view's reasons added with issue 22), zh-CN first.
export const PROTOCOL_MESSAGES: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    'letters.reason.duplicate_msg_id_other_type': '消息编号重复（类型不同）',
    'letters.reason.offline_not_will': '在线时发送离线消息',
  },
  en: {
    'letters.reason.duplicate_msg_id_other_type': 'msgId reused for another type',
    'letters.reason.offline_not_will': 'Offline sent while connected',
  },
};
