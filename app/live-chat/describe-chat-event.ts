import type { TFunction } from 'i18next';

const THREE_LEVEL_NAMES = { 3: 'satisfied', 2: 'neutral', 1: 'dissatisfied' } as const;

/** The timeline lines of a web chat (picked up, ended, rated); null for any other event. */
export function describeChatEvent(kind: string, data: Record<string, unknown>, t: TFunction): string | null {
  switch (kind) {
    case 'chat_picked_up':
      return t('liveChat.timeline.pickedUp');
    case 'chat_ended':
      return data.by === 'visitor' ? t('liveChat.timeline.endedByVisitor') : t('liveChat.timeline.ended');
    case 'satisfaction_rated': {
      const score = typeof data.score === 'number' ? data.score : 0;
      const rating =
        data.scale === 'three'
          ? t(`liveChat.rating.three.${THREE_LEVEL_NAMES[score >= 3 ? 3 : score <= 1 ? 1 : 2]}`)
          : `${score}/5`;
      return t('liveChat.timeline.rated', { rating });
    }
    default:
      return null;
  }
}
