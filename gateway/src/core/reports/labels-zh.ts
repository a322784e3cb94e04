import type { AlarmOutcomes, AlertType, CallCategory, CallLine, Priority, RegionLevel, TaskOutcome } from '../../../../schemas/index.js';

// The Chinese words the report files use, as the desk's screens say them (dashboard/src/shared/messages.ts, which
// gateway code cannot import). A supervisor reads these files in Excel, not codes.

export const ALERT_TYPE_ZH: Record<AlertType, string> = {
  sos: '紧急呼叫',
  fall: '跌倒',
  smoke: '烟雾报警',
  gas: '燃气泄漏',
  phone_emergency: '电话求助',
  heart_rate_high: '心率过高',
  heart_rate_low: '心率过低',
  spo2_low: '血氧过低',
  skin_temperature_high: '体温过高',
  breathing_rate_high: '呼吸过快',
  breathing_rate_low: '呼吸过慢',
  geofence_exit: '离开安全区域',
  wandering: '走失/徘徊',
  night_wandering: '夜间外出未归',
  bed_exit_night: '夜间离床未归',
  prolonged_stay: '滞留过久',
  inactivity: '长时间无活动',
  no_motion: '区域内无活动',
  door_inactive: '长时间未开门',
  water_leak: '漏水',
  intrusion: '陌生人闯入',
  device_offline: '设备离线',
  test_signal_missed: '未收到定期测试信号',
  low_battery: '电量低',
  wearable_not_worn: '未佩戴手环',
  motion_while_away: '外出期间家中有活动',
};

export const PRIORITY_ZH: Record<Priority, string> = { 1: 'P1 生命安全', 2: 'P2 紧急', 3: 'P3 技术' };

export const OUTCOME_ZH: Record<keyof AlarmOutcomes, string> = {
  raised: '告警总数',
  resolved: '已解决',
  falseAlarms: '误报',
  cancelled: '老人已取消',
  cleared: '已自动解除',
  open: '仍未关闭',
};

export const TASK_OUTCOME_ZH: Record<TaskOutcome, string> = {
  visited: '已探访',
  not_home: '老人不在家',
  refused: '老人拒绝',
  fixed: '已修复',
  service_delivered: '已提供服务',
  not_needed: '无需处理',
  other: '其他',
};

/** The plans' own names; a deployment's REGION_LEVEL_NAMES are in its plan (core/regions/region-plan.ts) instead. */
export const REGION_LEVEL_ZH: Record<RegionLevel, string> = { city: '市', district: '区', county: '县', town: '镇(街道)', street: '街道', community: '村(社区)' };

export const CALL_LINE_ZH: Record<CallLine, string> = { '12349': '12349 热线', supervision: '监督电话', direct: '直拨', walk_in: '来访' };

export const CALL_CATEGORY_ZH: Record<CallCategory, string> = {
  emergency: '紧急求助',
  service_request: '服务请求',
  question: '咨询',
  complaint: '投诉',
  wellbeing: '精神慰藉',
  wrong_number: '打错电话',
};
