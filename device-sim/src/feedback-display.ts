import { deviceFeedbackSchema, type DeviceFeedback } from '../../schemas/index.js';

// What a simulated button or watch does with the gateway's feedback on its alarm (docs/device-protocol.md, section
// 2.1): it would say the text and set its light. The simulator keeps what it "said" for tests and the demo to read.
// The device's commands topic carries commands and `rejected` replies too (command-handler.ts); those are not shown.

export type FeedbackLight = 'steady' | 'blinking' | 'off';

/** What the device shows after one feedback message. */
export interface HeardFeedback {
  feedback: DeviceFeedback;
  /** The voice prompt: the gateway's text, "测试" in front for a test alarm. */
  says: string;
  light: FeedbackLight;
  /** A one-line picture of it for a log: `[btn-0001] 🔊 已收到呼叫，请稍候`. */
  line: string;
}

/** The light a real unit would show per step: on while it is in hand, blinking while help comes, off when over. */
const LIGHT_OF: Record<DeviceFeedback['type'], FeedbackLight> = {
  alarm_received: 'steady',
  alarm_acknowledged: 'steady',
  help_on_the_way: 'blinking',
  alarm_closed: 'off',
};

/** How many msgIds are kept to show a redelivered message once (delivery is at least once). */
const REMEMBERED_MSG_IDS = 100;

export class FeedbackDisplay {
  /** Everything shown, oldest first; a message delivered twice is here once. */
  readonly heard: HeardFeedback[] = [];
  private readonly seen: string[] = [];

  constructor(
    private readonly deviceId: string,
    private readonly onHeard: (heard: HeardFeedback) => void = () => undefined,
  ) {}

  /** The last thing shown, or null before any. */
  get last(): HeardFeedback | null {
    return this.heard.at(-1) ?? null;
  }

  /** One payload from the commands topic; anything this firmware does not know is ignored, as the protocol asks. */
  receive(payload: Buffer | string): HeardFeedback | null {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload.toString());
    } catch {
      return null;
    }
    const result = deviceFeedbackSchema.safeParse(parsed);
    if (!result.success || this.seen.includes(result.data.msgId)) return null;
    this.seen.push(result.data.msgId);
    if (this.seen.length > REMEMBERED_MSG_IDS) this.seen.shift();
    const feedback = result.data;
    const says = feedback.test ? `测试：${feedback.text}` : feedback.text;
    const eta = feedback.type === 'help_on_the_way' && feedback.etaMinutes !== null ? `（约${feedback.etaMinutes}分钟）` : '';
    const heard: HeardFeedback = { feedback, says, light: LIGHT_OF[feedback.type], line: `[${this.deviceId}] 🔊 ${says}${eta}` };
    this.heard.push(heard);
    this.onHeard(heard);
    return heard;
  }
}
