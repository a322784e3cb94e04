import type { AlertView, ResolutionReason, TaskOutcome, TaskView } from '../../../schemas/index.js';
import { pick, type Random } from '../seeded-random.js';

// What the demo's simulated responders write, in the words a community care worker would use: the note when they
// resolve an alert on site, the reason they give when they cannot go, what they found on a follow-up visit.

export const DECLINE_REASONS = ['正在处理另一位老人，暂时无法前往', '不在附近，请改派他人', '身体不适，今晚无法出勤'] as const;

const ON_SITE_NOTES = [
  '已上门查看，老人安好，已告知家属',
  '已上门，老人身体不适，测量血压后情况稳定，嘱其休息并已告知家属',
  '已上门，老人误按呼叫器，已讲解使用方法',
  '已上门，协助老人起身，未见明显外伤，已告知家属明日回访',
] as const;
const FALL_NOTES = ['已上门，老人跌倒后可自行活动，未见明显外伤，已告知家属', '已上门，协助老人起身并检查，膝部轻微擦伤已处理'] as const;
const HOSPITAL_NOTE = '已上门，老人疼痛明显，已呼叫120送县人民医院，家属已赶往医院';
const SMOKE_NOTES = ['已上门，厨房烧水干锅，已关火开窗通风，无人受伤', '已上门，烟雾来自烹饪，已通风，报警器已复位'] as const;
const DEVICE_NOTES = ['已上门，更换设备电池并测试正常', '已上门，设备电源松动已重新插好，测试正常'] as const;

/** How an alert the responder was sent to ends: mostly handled on site; a fall now and then goes to hospital. */
export function resolutionFor(alert: AlertView, random: Random): { reason: ResolutionReason; note: string } {
  // P3 alerts are the devices' own trouble (offline, battery, not worn)
  if (alert.priority === 3) return { reason: 'handled_on_site', note: pick(random, DEVICE_NOTES) };
  if (alert.type === 'smoke' || alert.type === 'gas') return { reason: 'handled_on_site', note: pick(random, SMOKE_NOTES) };
  if (alert.type === 'fall') {
    return random() < 0.2 ? { reason: 'hospital_transfer', note: HOSPITAL_NOTE } : { reason: 'handled_on_site', note: pick(random, FALL_NOTES) };
  }
  return { reason: 'handled_on_site', note: pick(random, ON_SITE_NOTES) };
}

/** What a task the responder was assigned ends with. */
export function taskOutcomeFor(task: TaskView, random: Random): { outcome: TaskOutcome; note: string } {
  switch (task.kind) {
    case 'maintenance':
      return { outcome: 'fixed', note: pick(random, DEVICE_NOTES) };
    case 'service':
      return { outcome: 'service_delivered', note: '服务已完成，老人满意' };
    default:
      return random() < 0.1
        ? { outcome: 'not_home', note: '上门时老人不在家，已电话联系，老人在女儿家，情况良好' }
        : { outcome: 'visited', note: '回访：老人情况稳定，精神好，已提醒按时服药' };
  }
}
