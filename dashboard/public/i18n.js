// Every string the duty desk shows, in zh-CN (default) and English.
// Static markup names its strings with data-i18n attributes; scripts call t().
// Server text (elder names, addresses, notes, rooms) is data and is never looked up here. Every key exists in
// both languages: a key missing in English would fall back to Chinese and mix the screen.

const STORAGE_KEY = 'dutyDesk.lang';
export const LANGS = ['zh-CN', 'en'];

const MESSAGES = {
  'zh-CN': {
    'app.title': '云监控值班台',
    'login.heading': '值班员登录',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.busy': '正在登录…',
    'login.invalid': '用户名或密码错误',
    'login.expired': '登录已过期，请重新登录',
    'login.tooMany': '尝试次数过多，请稍后再试',
    'logout': '退出登录',
    'lang.label': '界面语言',
    'sound.on': '声音：开',
    'sound.off': '声音：关',
    'sound.blocked': '点击页面任意处以启用提示音',
    'banner.unack': '有未确认的生命安全告警',
    'banner.unackCount': '有 {n} 个未确认的生命安全告警',
    'banner.liveDown': '实时连接已断开，正在重连…',
    'banner.liveRetry': '实时连接已断开，{s} 秒后重连',
    'queue.heading': '待处理告警',
    'queue.empty': '当前没有待处理的告警',
    'queue.openCount': '{n} 条',
    'closed.heading': '最近关闭',
    'closed.empty': '本次值班尚无已关闭的告警',
    'type.sos': '紧急呼叫',
    'type.fall': '跌倒',
    'type.smoke': '烟雾报警',
    'type.gas': '燃气泄漏',
    'type.heart_rate_high': '心率过高',
    'type.heart_rate_low': '心率过低',
    'type.spo2_low': '血氧过低',
    'type.skin_temperature_high': '体温过高',
    'type.breathing_rate_high': '呼吸过快',
    'type.breathing_rate_low': '呼吸过慢',
    'type.geofence_exit': '离开安全区域',
    'type.wandering': '走失/徘徊',
    'type.bed_exit_night': '夜间离床未归',
    'type.prolonged_stay': '滞留过久',
    'type.inactivity': '长时间无活动',
    'type.no_motion': '区域内无活动',
    'type.door_inactive': '长时间未开门',
    'type.water_leak': '漏水',
    'type.intrusion': '陌生人闯入',
    'type.device_offline': '设备离线',
    'type.test_signal_missed': '未收到定期测试信号',
    'type.low_battery': '电量低',
    'type.wearable_not_worn': '未佩戴手环',
    'priority.1': 'P1 生命安全',
    'priority.2': 'P2 紧急',
    'priority.3': 'P3 技术',
    'status.raised': '未确认',
    'status.acknowledged': '已确认',
    'status.resolved': '已解决',
    'status.cancelled': '老人已取消',
    'status.cleared': '已自动解除',
    'badge.test': '测试',
    'badge.testTitle': '设备处于测试模式：告警只显示在值班台，不会派单',
    'row.device': '设备 {id}',
    'row.count': '第 {n} 次呼叫',
    'row.repeats': '第 {n} 次报告',
    'row.ackBy': '{who} 已确认',
    'row.resolvedBy': '{who} 解决',
    'row.note': '备注：{note}',
    'row.offline': '设备离线',
    'row.battery': '电量 {n}%',
    'row.ago': '{age}前',
    'ctx.room': '房间 {room}',
    'ctx.zone': '区域 {zone}',
    'ctx.confidence': '置信度 {pct}%',
    'ctx.value': '测量值 {value}{unit}',
    'ctx.valueThreshold': '测量值 {value}{unit}（阈值 {threshold}{unit}）',
    'ctx.fence': '安全区域 {fence}',
    'ctx.battery': '电量 {n}%',
    'ctx.ppm': '浓度 {ppm} ppm',
    'ctx.minutesOutOfBed': '离床 {n} 分钟',
    'ctx.hoursWithoutMotion': '{n} 小时无活动',
    'ctx.hours': '已停留 {n} 小时',
    'ctx.hoursIdle': '{n} 小时未开门',
    'ctx.offlineSinceMinutes': '已离线 {n} 分钟',
    'ctx.hoursSinceLastSignal': '距上次测试信号 {n} 小时',
    'ctx.neverReceived': '从未收到测试信号',
    'ctx.source': '来源：{kind}',
    'ctx.snapshot': '快照 {ref}',
    'unit.bpm': ' 次/分',
    'unit.breaths/min': ' 次/分',
    'unit.%': '%',
    'unit.°C': ' °C',
    'kind.call_button': '呼叫器',
    'kind.wearable': '智能手环',
    'kind.camera': '摄像头',
    'kind.smoke_detector': '烟雾探测器',
    'kind.gas_detector': '燃气探测器',
    'kind.water_leak_sensor': '水浸传感器',
    'kind.door_sensor': '门磁',
    'kind.motion_sensor': '人体感应器',
    'kind.bed_sensor': '床垫传感器',
    'tasks.heading': '待办任务',
    'tasks.empty': '当前没有待办任务',
    'tasks.openCount': '{n} 项',
    'task.kind.maintenance': '设备维护上门',
    'task.kind.service': '服务请求',
    'task.reason.low_battery': '电量低，需更换电池',
    'task.reason.device_offline': '设备离线',
    'task.reason.test_signal_missed': '未收到定期测试信号',
    'task.reason.service_request': '老人按键请求服务',
    'service.meals': '助餐',
    'service.cleaning': '助洁',
    'service.bathing': '助浴',
    'service.ride': '助行',
    'service.doctor': '助医',
    'service.question': '咨询',
    'action.ack': '确认',
    'action.resolve': '解决',
    'action.done': '完成',
    'task.created': '{time} 创建',
    'resolve.heading': '解决告警',
    'resolve.for': '{type} · {name}',
    'resolve.note': '处理备注（可选）',
    'resolve.confirm': '确认解决',
    'resolve.cancel': '取消',
    'error.transition': '该告警的状态已经变化，此操作不再适用',
    'error.notFound': '找不到该告警',
    'error.taskTransition': '该任务已被处理，此操作不再适用',
    'error.taskNotFound': '找不到该任务',
    'error.network': '网络错误，请检查连接后重试',
    'error.generic': '操作失败（{code}）',
    'age.s': '{s}秒',
    'age.ms': '{m}分{s}秒',
    'age.hm': '{h}小时{m}分',
    'age.dh': '{d}天{h}小时',
  },
  en: {
    'app.title': 'Cloud monitoring duty desk',
    'login.heading': 'Duty officer sign-in',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.busy': 'Signing in…',
    'login.invalid': 'Wrong username or password',
    'login.expired': 'Your session has expired; please sign in again',
    'login.tooMany': 'Too many attempts; please wait and try again',
    'logout': 'Sign out',
    'lang.label': 'Language',
    'sound.on': 'Sound: on',
    'sound.off': 'Sound: off',
    'sound.blocked': 'Click anywhere on the page to enable the alarm sound',
    'banner.unack': 'Unacknowledged life-safety alarm',
    'banner.unackCount': '{n} unacknowledged life-safety alarms',
    'banner.liveDown': 'Live link down, reconnecting…',
    'banner.liveRetry': 'Live link down, reconnecting in {s} s',
    'queue.heading': 'Open alerts',
    'queue.empty': 'No open alerts',
    'queue.openCount': '{n} open',
    'closed.heading': 'Recently closed',
    'closed.empty': 'No alerts closed during this shift yet',
    'type.sos': 'SOS call',
    'type.fall': 'Fall',
    'type.smoke': 'Smoke alarm',
    'type.gas': 'Gas leak',
    'type.heart_rate_high': 'Heart rate high',
    'type.heart_rate_low': 'Heart rate low',
    'type.spo2_low': 'Blood oxygen low',
    'type.skin_temperature_high': 'Body temperature high',
    'type.breathing_rate_high': 'Breathing too fast',
    'type.breathing_rate_low': 'Breathing too slow',
    'type.geofence_exit': 'Left the safe area',
    'type.wandering': 'Wandering',
    'type.bed_exit_night': 'Out of bed at night, not back',
    'type.prolonged_stay': 'Stayed too long',
    'type.inactivity': 'No activity for hours',
    'type.no_motion': 'No motion in the area',
    'type.door_inactive': 'Door not opened for long',
    'type.water_leak': 'Water leak',
    'type.intrusion': 'Intruder',
    'type.device_offline': 'Device offline',
    'type.test_signal_missed': 'Periodic test signal missed',
    'type.low_battery': 'Low battery',
    'type.wearable_not_worn': 'Wristband not worn',
    'priority.1': 'P1 life-safety',
    'priority.2': 'P2 urgent',
    'priority.3': 'P3 technical',
    'status.raised': 'Unacknowledged',
    'status.acknowledged': 'Acknowledged',
    'status.resolved': 'Resolved',
    'status.cancelled': 'Cancelled by elder',
    'status.cleared': 'Cleared by the gateway',
    'badge.test': 'TEST',
    'badge.testTitle': 'The device is in test mode: shown on the desk, never dispatched',
    'row.device': 'Device {id}',
    'row.count': '{n} presses',
    'row.repeats': 'reported {n} times',
    'row.ackBy': 'acknowledged by {who}',
    'row.resolvedBy': 'resolved by {who}',
    'row.note': 'Note: {note}',
    'row.offline': 'Device offline',
    'row.battery': 'Battery {n}%',
    'row.ago': '{age} ago',
    'ctx.room': 'Room {room}',
    'ctx.zone': 'Zone {zone}',
    'ctx.confidence': 'Confidence {pct}%',
    'ctx.value': 'Reading {value}{unit}',
    'ctx.valueThreshold': 'Reading {value}{unit} (limit {threshold}{unit})',
    'ctx.fence': 'Safe area {fence}',
    'ctx.battery': 'Battery {n}%',
    'ctx.ppm': 'Concentration {ppm} ppm',
    'ctx.minutesOutOfBed': 'Out of bed for {n} min',
    'ctx.hoursWithoutMotion': 'No activity for {n} h',
    'ctx.hours': 'Stayed {n} h',
    'ctx.hoursIdle': 'Door not opened for {n} h',
    'ctx.offlineSinceMinutes': 'Offline for {n} min',
    'ctx.hoursSinceLastSignal': 'Last test signal {n} h ago',
    'ctx.neverReceived': 'No test signal ever received',
    'ctx.source': 'Source: {kind}',
    'ctx.snapshot': 'Snapshot {ref}',
    'unit.bpm': ' bpm',
    'unit.breaths/min': ' breaths/min',
    'unit.%': '%',
    'unit.°C': ' °C',
    'kind.call_button': 'call button',
    'kind.wearable': 'wristband',
    'kind.camera': 'camera',
    'kind.smoke_detector': 'smoke detector',
    'kind.gas_detector': 'gas detector',
    'kind.water_leak_sensor': 'water leak sensor',
    'kind.door_sensor': 'door sensor',
    'kind.motion_sensor': 'motion sensor',
    'kind.bed_sensor': 'bed sensor',
    'tasks.heading': 'Open tasks',
    'tasks.empty': 'No open tasks',
    'tasks.openCount': '{n} open',
    'task.kind.maintenance': 'Maintenance visit',
    'task.kind.service': 'Service request',
    'task.reason.low_battery': 'Low battery: replace it',
    'task.reason.device_offline': 'Device offline',
    'task.reason.test_signal_missed': 'Periodic test signal missed',
    'task.reason.service_request': 'Requested on the call button',
    'service.meals': 'Meals',
    'service.cleaning': 'Cleaning',
    'service.bathing': 'Bathing',
    'service.ride': 'Ride / escort',
    'service.doctor': 'Doctor visit',
    'service.question': 'Question',
    'action.ack': 'Acknowledge',
    'action.resolve': 'Resolve',
    'action.done': 'Done',
    'task.created': 'created {time}',
    'resolve.heading': 'Resolve alert',
    'resolve.for': '{type} · {name}',
    'resolve.note': 'Resolution note (optional)',
    'resolve.confirm': 'Resolve',
    'resolve.cancel': 'Cancel',
    'error.transition': 'This alert has already changed; the action no longer applies',
    'error.notFound': 'Alert not found',
    'error.taskTransition': 'This task has already been handled; the action no longer applies',
    'error.taskNotFound': 'Task not found',
    'error.network': 'Network error; check the connection and try again',
    'error.generic': 'Action failed ({code})',
    'age.s': '{s}s',
    'age.ms': '{m}m {s}s',
    'age.hm': '{h}h {m}m',
    'age.dh': '{d}d {h}h',
  },
};

let current = initialLang();
const listeners = new Set();

function initialLang() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && LANGS.includes(saved)) return saved;
  } catch {
    // storage blocked: fall back to the default
  }
  return 'zh-CN';
}

export function getLang() {
  return current;
}

export function setLang(lang) {
  if (!LANGS.includes(lang) || lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered, still switched
  }
  applyStatic(document);
  for (const fn of listeners) fn(lang);
}

/** Calls fn after every language change, once the static text is already switched. */
export function onLangChange(fn) {
  listeners.add(fn);
}

/** Looks a key up in the current language and fills {name} placeholders. */
export function t(key, vars = {}) {
  const text = MESSAGES[current][key] ?? MESSAGES['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Re-labels static markup: data-i18n → textContent, data-i18n-placeholder, data-i18n-aria-label. */
export function applyStatic(root) {
  document.documentElement.lang = current;
  document.title = t('app.title');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
}

/** "2分15秒" / "2m 15s" for a duration in milliseconds. */
export function formatAge(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return t('age.dh', { d, h });
  if (h > 0) return t('age.hm', { h, m: pad(m) });
  if (m > 0) return t('age.ms', { m, s: pad(s) });
  return t('age.s', { s });
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** Local wall-clock time of an ISO instant, in the current language's format. */
export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString(current, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}
