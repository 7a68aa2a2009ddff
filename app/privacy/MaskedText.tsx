import { HighlightedText } from '@app/components/HighlightedText';
import { useCan } from '@app/session/use-session';
import { Tooltip, theme } from 'antd';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MaskSpan, maskedSegments } from './masked-segments';
import { piiKindLabel } from './pii-kinds';
import { RevealPersonalDataModal } from './RevealPersonalDataModal';

const plainButton: CSSProperties = {
  font: 'inherit',
  color: 'inherit',
  background: 'none',
  border: 0,
  padding: 0,
  cursor: 'pointer',
  textAlign: 'inherit',
};

/**
 * Text as the server stored it, with each piece of personal data drawn as a dashed-underlined mask. Users who may
 * reveal (supervisors, admins) click a mask and give a reason; the original then shows in its place until the page
 * is left or reloaded. Originals live only in this component's state, never in the query cache.
 */
export function MaskedText({
  text,
  spans = [],
  highlights,
}: {
  text: string;
  spans?: readonly MaskSpan[];
  /** Search matches to mark, as offsets into `text`. */
  highlights?: [number, number][];
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const can = useCan();
  const mayReveal = can('pii:reveal');
  const [originals, setOriginals] = useState<Record<string, string>>({});
  const [revealing, setRevealing] = useState<{ span: MaskSpan; mask: string } | null>(null);

  if (spans.length === 0 && !highlights) return <>{text}</>;

  const maskStyle: CSSProperties = {
    borderBottom: `1px dashed ${token.colorTextTertiary}`,
    fontVariantNumeric: 'tabular-nums',
  };
  const revealedStyle: CSSProperties = {
    background: token.colorWarningBg,
    outline: `1px solid ${token.colorWarningBorder}`,
    borderRadius: 2,
    padding: '0 2px',
    color: 'inherit',
  };

  return (
    <>
      {maskedSegments(text, spans, highlights).map((segment) => {
        if (segment.type === 'text') {
          return <HighlightedText key={segment.start} text={segment.text} ranges={segment.highlights} />;
        }
        const { span } = segment;
        const kind = piiKindLabel(t, span.kind);
        const original = originals[span.id];
        if (original !== undefined) {
          return (
            <Tooltip key={span.start} title={t('privacy.span.revealed', { kind })}>
              <mark data-testid="pii-revealed" data-kind={span.kind ?? undefined} style={revealedStyle}>
                {original}
              </mark>
            </Tooltip>
          );
        }
        const mask = segment.highlighted ? <mark>{segment.text}</mark> : segment.text;
        if (!mayReveal) {
          return (
            <Tooltip key={span.start} title={t('privacy.span.cannotReveal', { kind })}>
              <span data-testid="pii-span" data-kind={span.kind ?? undefined} style={maskStyle}>
                {mask}
              </span>
            </Tooltip>
          );
        }
        return (
          <Tooltip key={span.start} title={t('privacy.span.revealHint', { kind })}>
            <button
              type="button"
              data-testid="pii-span"
              data-kind={span.kind ?? undefined}
              style={{ ...plainButton, ...maskStyle }}
              onClick={(event) => {
                // A mask inside a link or an editable title must not also follow the link or start editing.
                event.preventDefault();
                event.stopPropagation();
                setRevealing({ span, mask: segment.text });
              }}
            >
              {mask}
            </button>
          </Tooltip>
        );
      })}
      {revealing && (
        <RevealPersonalDataModal
          span={revealing.span}
          mask={revealing.mask}
          onClose={() => setRevealing(null)}
          onRevealed={(spanId, original) => setOriginals((shown) => ({ ...shown, [spanId]: original }))}
        />
      )}
    </>
  );
}
