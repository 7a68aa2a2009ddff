import type { WidgetClientFrame } from '@shared/web-chat';

export const TYPING_THROTTLE_MS = 1500;
export const PREVIEW_LIMIT = 200;

type TypingFrame = Extract<WidgetClientFrame, { type: 'typing' }>;

/**
 * "Visitor is typing" with a preview for the agent: at most one frame per 1.5 s and the latest text last (a
 * trailing send), `typing:false` when the text is cleared, sent or the composer loses focus.
 */
export class TypingSignal {
  private typing = false;
  private sentAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private text = '';

  constructor(
    private readonly send: (frame: TypingFrame) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  changed(text: string): void {
    this.text = text;
    if (!text.trim()) {
      this.stop();
      return;
    }
    if (this.timer !== undefined) return;
    const wait = this.sentAt + TYPING_THROTTLE_MS - this.now();
    if (wait <= 0) {
      this.sendPreview();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sendPreview();
    }, wait);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.typing) return;
    this.typing = false;
    this.send({ type: 'typing', typing: false });
  }

  private sendPreview(): void {
    if (!this.text.trim()) return;
    if (this.send({ type: 'typing', typing: true, preview: this.text.slice(0, PREVIEW_LIMIT) })) {
      this.sentAt = this.now();
      this.typing = true;
    }
  }
}
