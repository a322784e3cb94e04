import type { LedgerKind } from '../../../../schemas/index.js';

// The Chinese words of the ledger files, as the desk's screens say them (dashboard/src/shared/messages.ts). Keyed by
// text, not by the schema's enums: task kinds change with the visit policy (helper V), and a code without a word
// is written as it is rather than breaking the file.

export const LEDGER_KIND_ZH: Record<LedgerKind, string> = {
  alert: '告警',
  visit: '探访',
  service: '服务',
  task: '任务',
  call: '电话',
  note: '备注',
};

export const TASK_KIND_ZH: Readonly<Record<string, string>> = {
  maintenance: '设备维护上门',
  service: '服务请求',
  visit: '告警上门',
  follow_up: '回访',
  wellness_check: '关怀探视',
  monthly_visit: '月度探访',
  care_visit: '探访',
};

export const ALERT_STATUS_ZH: Readonly<Record<string, string>> = {
  raised: '未确认',
  acknowledged: '已确认',
  dispatched: '已派单',
  on_site: '已到场',
  on_hold: '暂缓处理',
  resolved: '已解决',
  false_alarm: '误报',
  cancelled: '老人已取消',
  cleared: '已自动解除',
};

export const TASK_STATUS_ZH: Readonly<Record<string, string>> = {
  open: '待指派',
  assigned: '已指派',
  accepted: '已接受',
  done: '已完成',
  cancelled: '已取消',
};

export const CALL_OUTCOME_ZH: Readonly<Record<string, string>> = { answered: '接通', no_answer: '无人接听', busy: '占线', wrong_number: '号码错误' };

export const CALL_DIRECTION_ZH: Readonly<Record<string, string>> = { inbound: '来电', outbound: '去电' };

export const VISIT_MODE_ZH: Readonly<Record<string, string>> = { door: '上门', phone: '电话', video: '视频' };

/** The word for a code, or the code itself when there is none. */
export const zh = (words: Readonly<Record<string, string>>, code: string | null): string | null => (code === null ? null : (words[code] ?? code));
