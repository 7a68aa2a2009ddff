import { StarFilled } from '@ant-design/icons';
import type { RatingScale } from '@shared/web-chat';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const THREE_LEVEL_COLORS: Record<number, string> = { 3: 'green', 2: 'gold', 1: 'red' };
const THREE_LEVEL_NAMES = { 3: 'satisfied', 2: 'neutral', 1: 'dissatisfied' } as const;

/** A customer's satisfaction rating: 满意 / 一般 / 不满意 on the three-level scale, stars on the five-point one. */
export function SatisfactionRating({
  rating,
}: {
  rating: { score: number; scale: RatingScale; comment: string };
}) {
  const { t } = useTranslation();
  const max = rating.scale === 'three' ? 3 : 5;
  const label =
    rating.scale === 'three'
      ? `${t(`liveChat.rating.three.${THREE_LEVEL_NAMES[rating.score >= 3 ? 3 : rating.score <= 1 ? 1 : 2]}`)} (${rating.score}/${max})`
      : `${'★'.repeat(rating.score)}${'☆'.repeat(Math.max(0, max - rating.score))}`;
  const tag = (
    <Tag
      color={rating.scale === 'three' ? THREE_LEVEL_COLORS[rating.score] : 'gold'}
      icon={rating.scale === 'three' ? <StarFilled /> : undefined}
      data-testid="satisfaction-rating"
      data-score={rating.score}
      aria-label={t('liveChat.rating.aria', { score: rating.score, max })}
      style={{ marginInlineEnd: 0 }}
    >
      {label}
    </Tag>
  );
  return (
    <span>
      {rating.comment ? <Tooltip title={rating.comment}>{tag}</Tooltip> : tag}
      {rating.comment && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
          “{rating.comment}”
        </Typography.Paragraph>
      )}
    </span>
  );
}
