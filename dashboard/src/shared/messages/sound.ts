import type { Lang } from '../langs.js';

// The sound strings, zh-CN first (see messages.ts): the mute choices in the top bar, the prompt to enable sound
// after a reload, and the notice when a new P1 ends a mute.
export const SOUND_MESSAGES: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    'sound.muteMenu': '静音选项',
    'sound.mute5': '静音 5 分钟',
    'sound.mute15': '静音 15 分钟',
    'sound.mute30': '静音 30 分钟',
    'sound.muteNextP1': '静音至下一条新P1告警',
    'sound.muteRule': '静音期间新的P1告警仍会响铃并解除静音；横幅和标题始终提示未确认告警。',
    'sound.mutedUntil': '静音至 {time}',
    'sound.mutedUntilNextP1': '静音至下一条新P1告警',
    'sound.unmute': '恢复声音',
    'sound.enable': '点击启用报警声音',
    'sound.enableWhy': '页面重新载入后，浏览器须点击一次才允许播放报警声音',
    'sound.muteLifted': '{type} · {name}：新的P1告警，静音已解除',
  },
  en: {
    'sound.muteMenu': 'Mute options',
    'sound.mute5': 'Mute for 5 minutes',
    'sound.mute15': 'Mute for 15 minutes',
    'sound.mute30': 'Mute for 30 minutes',
    'sound.muteNextP1': 'Mute until the next new P1 alert',
    'sound.muteRule': 'While muted, a new P1 alert still sounds and ends the mute; the banner and the title always show unacknowledged alerts.',
    'sound.mutedUntil': 'Muted until {time}',
    'sound.mutedUntilNextP1': 'Muted until the next new P1 alert',
    'sound.unmute': 'Sound on',
    'sound.enable': 'Click to enable the alarm sound',
    'sound.enableWhy': 'After a reload the browser plays the alarm sound only after one click',
    'sound.muteLifted': '{type} · {name}: a new P1 alert, sound is on again',
  },
};
