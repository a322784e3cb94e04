// Every string the duty desk shows, in zh-CN (default) and English.
// Static markup names its strings with data-i18n attributes; scripts call t().
// Server text (elder names, addresses, notes) is data and is never looked up here.

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
    'banner.unack': '有未确认的紧急呼叫',
    'banner.unackCount': '有 {n} 个未确认的紧急呼叫',
    'banner.liveDown': '实时连接已断开，正在重连…',
    'banner.liveRetry': '实时连接已断开，{s} 秒后重连',
    'queue.heading': '待处理告警',
    'queue.empty': '当前没有待处理的告警',
    'queue.openCount': '{n} 条',
    'closed.heading': '最近关闭',
    'closed.empty': '本次值班尚无已关闭的告警',
    'type.sos': '紧急呼叫',
    'priority.1': 'P1 生命安全',
    'priority.2': 'P2 紧急',
    'priority.3': 'P3 技术',
    'status.raised': '未确认',
    'status.acknowledged': '已确认',
    'status.resolved': '已解决',
    'status.cancelled': '老人已取消',
    'row.device': '设备 {id}',
    'row.count': '第 {n} 次呼叫',
    'row.ackBy': '{who} 已确认',
    'row.resolvedBy': '{who} 解决',
    'row.note': '备注：{note}',
    'row.offline': '设备离线',
    'row.battery': '电量 {n}%',
    'row.ago': '{age}前',
    'action.ack': '确认',
    'action.resolve': '解决',
    'resolve.heading': '解决告警',
    'resolve.for': '{type} · {name}',
    'resolve.note': '处理备注（可选）',
    'resolve.confirm': '确认解决',
    'resolve.cancel': '取消',
    'error.transition': '该告警的状态已经变化，此操作不再适用',
    'error.notFound': '找不到该告警',
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
    'banner.unack': 'Unacknowledged emergency call',
    'banner.unackCount': '{n} unacknowledged emergency calls',
    'banner.liveDown': 'Live link down, reconnecting…',
    'banner.liveRetry': 'Live link down, reconnecting in {s} s',
    'queue.heading': 'Open alerts',
    'queue.empty': 'No open alerts',
    'queue.openCount': '{n} open',
    'closed.heading': 'Recently closed',
    'closed.empty': 'No alerts closed during this shift yet',
    'type.sos': 'SOS call',
    'priority.1': 'P1 life-safety',
    'priority.2': 'P2 urgent',
    'priority.3': 'P3 technical',
    'status.raised': 'Unacknowledged',
    'status.acknowledged': 'Acknowledged',
    'status.resolved': 'Resolved',
    'status.cancelled': 'Cancelled by elder',
    'row.device': 'Device {id}',
    'row.count': '{n} presses',
    'row.ackBy': 'acknowledged by {who}',
    'row.resolvedBy': 'resolved by {who}',
    'row.note': 'Note: {note}',
    'row.offline': 'Device offline',
    'row.battery': 'Battery {n}%',
    'row.ago': '{age} ago',
    'action.ack': 'Acknowledge',
    'action.resolve': 'Resolve',
    'resolve.heading': 'Resolve alert',
    'resolve.for': '{type} · {name}',
    'resolve.note': 'Resolution note (optional)',
    'resolve.confirm': 'Resolve',
    'resolve.cancel': 'Cancel',
    'error.transition': 'This alert has already changed; the action no longer applies',
    'error.notFound': 'Alert not found',
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
