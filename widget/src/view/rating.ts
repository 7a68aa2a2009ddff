import type { RatingScale } from '@shared/web-chat';
import type { Translate } from '../i18n';
import { el } from './dom';

/** After an ended chat: 满意/一般/不满意 (3/2/1) or one to five stars, an optional comment, then submit. */
export function ratingCard(
  scale: RatingScale,
  t: Translate,
  submit: (score: number, comment: string) => void,
): HTMLElement {
  let score = 0;
  const choices =
    scale === 'three'
      ? ([3, 2, 1] as const).map((value) =>
          el('button', { type: 'button', 'data-score': value, text: t(`rate${value}`) }),
        )
      : [1, 2, 3, 4, 5].map((value) =>
          el('button', {
            type: 'button',
            className: 'star',
            'data-score': value,
            'aria-label': t('stars', { n: value }),
            text: '★',
          }),
        );
  const comment = el('textarea', { rows: 2, maxlength: 500, placeholder: t('comment') });
  const send = el('button', {
    type: 'button',
    className: 'primary',
    'data-kefu': 'rating-submit',
    disabled: true,
    text: t('submitRating'),
  });
  for (const choice of choices) {
    choice.addEventListener('click', () => {
      score = Number(choice.dataset.score);
      for (const other of choices) {
        const value = Number(other.dataset.score);
        other.classList.toggle('on', scale === 'five' ? value <= score : value === score);
      }
      send.disabled = false;
    });
  }
  send.addEventListener('click', () => {
    if (score > 0) submit(score, comment.value.trim());
  });
  return el('div', { className: 'card', 'data-kefu': 'rating' }, [
    el('strong', { text: t('ratePrompt') }),
    el('div', { className: 'choices' }, choices),
    comment,
    send,
  ]);
}
