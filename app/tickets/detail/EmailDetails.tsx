import { MailOutlined, PictureOutlined } from '@ant-design/icons';
import { type MessageEmail, useMessageEmail } from '@app/api/mailboxes';
import type { TicketMessage } from '@app/api/types';
import { useSeen } from '@app/components/use-seen';
import { useCan } from '@app/session/use-session';
import { Button, Flex, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type AuthCheck = keyof MessageEmail['auth'];
const AUTH_CHECKS: AuthCheck[] = ['spf', 'dkim', 'dmarc'];
const KNOWN_RESULTS = ['pass', 'fail', 'softfail', 'neutral', 'none'] as const;
type KnownResult = (typeof KNOWN_RESULTS)[number];
const isKnownResult = (result: string): result is KnownResult =>
  (KNOWN_RESULTS as readonly string[]).includes(result);

const FRAME_HEIGHT = 420;

/** SPF / DKIM / DMARC as the receiving server recorded them: pass green, fail red, the rest grey. */
function AuthTags({ auth }: { auth: MessageEmail['auth'] }) {
  const { t } = useTranslation();
  const recorded = AUTH_CHECKS.filter((check) => auth[check] !== null);
  if (recorded.length === 0) return null;
  return (
    <Tooltip title={t('emailMessage.auth.hint')}>
      <Flex gap={4} align="center" wrap data-testid="email-auth" aria-label={t('emailMessage.auth.title')}>
        {recorded.map((check) => {
          const result = auth[check] ?? '';
          return (
            <Tag
              key={check}
              color={result === 'pass' ? 'success' : result === 'fail' ? 'error' : 'default'}
              style={{ marginInlineEnd: 0 }}
              data-testid={`email-auth-${check}`}
            >
              {t(`emailMessage.auth.${check}`)}{' '}
              {isKnownResult(result) ? t(`emailMessage.auth.result.${result}`) : result}
            </Tag>
          );
        })}
      </Flex>
    </Tooltip>
  );
}

/**
 * The mail's own HTML in a frame that may do nothing but show it: sandboxed with no permissions at all (no scripts,
 * no same origin, no forms, no navigation), on a page the server serves under its own CSP sandbox. Remote images
 * stay out until the agent asks for them, since they tell the sender the mail was opened. A script-less frame
 * cannot report its height, so the frame has a fixed one the agent can drag larger.
 */
function HtmlView({ email }: { email: MessageEmail & { htmlUrl: string } }) {
  const { t } = useTranslation();
  const [imagesShown, setImagesShown] = useState(false);
  const src = imagesShown ? `${email.htmlUrl}?images=show` : email.htmlUrl;
  return (
    <Flex vertical gap={4} style={{ marginTop: 8 }}>
      {email.blockedImages > 0 &&
        (imagesShown ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <PictureOutlined /> {t('emailMessage.imagesShown')}
          </Typography.Text>
        ) : (
          <Tooltip title={t('emailMessage.imagesHint')}>
            <Button
              size="small"
              icon={<PictureOutlined />}
              onClick={() => setImagesShown(true)}
              style={{ alignSelf: 'start' }}
              data-testid="email-show-images"
            >
              {t('emailMessage.showImages', { count: email.blockedImages })}
            </Button>
          </Tooltip>
        ))}
      <div
        style={{
          height: FRAME_HEIGHT,
          minHeight: 120,
          resize: 'vertical',
          overflow: 'hidden',
          background: '#fff',
          border: '1px solid rgba(5, 5, 5, 0.06)',
          borderRadius: 6,
        }}
      >
        <iframe
          key={src}
          sandbox=""
          src={src}
          referrerPolicy="no-referrer"
          title={t('emailMessage.frameTitle')}
          style={{ width: '100%', height: '100%', border: 0, display: 'block' }}
          data-testid="email-html-frame"
        />
      </div>
    </Flex>
  );
}

/**
 * What a mail has beyond its visible text, under an inbound e-mail message: sender authentication, whether it was
 * sent automatically, its original HTML and the original .eml. Asked for once the message comes into view.
 */
export function EmailDetails({ message }: { message: TicketMessage }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const seen = useSeen(ref);
  const details = useMessageEmail(message.id, seen);
  const [htmlOpen, setHtmlOpen] = useState(false);
  const email = details.data;
  const can = useCan();
  // The original holds everything unmasked: downloading it is a reveal (supervisors and admins, audited).
  const original =
    email?.originalAttachmentId && can('pii:reveal')
      ? message.attachments.find((file) => file.id === email.originalAttachmentId)
      : undefined;
  const htmlUrl = email?.htmlUrl ?? null;

  return (
    <div ref={ref} data-testid="email-details">
      {email && (
        <>
          <Flex gap={8} align="center" wrap style={{ marginTop: 6, fontSize: 12 }}>
            <AuthTags auth={email.auth} />
            {email.automatic && (
              <Tooltip title={t('emailMessage.automatic.hint')}>
                <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="email-automatic">
                  {t(`emailMessage.automatic.${email.automatic}`)}
                </Tag>
              </Tooltip>
            )}
            {htmlUrl && (
              <Button
                type="link"
                size="small"
                icon={<MailOutlined />}
                onClick={() => setHtmlOpen((open) => !open)}
                aria-expanded={htmlOpen}
                style={{ paddingInline: 0, fontSize: 12 }}
                data-testid="email-html-toggle"
              >
                {htmlOpen ? t('emailMessage.hideHtml') : t('emailMessage.showHtml')}
              </Button>
            )}
            {original && (
              <Typography.Link
                href={original.url}
                download={original.filename}
                style={{ fontSize: 12 }}
                data-testid="email-original"
              >
                {t('emailMessage.original')}
              </Typography.Link>
            )}
          </Flex>
          {htmlOpen && htmlUrl && <HtmlView email={{ ...email, htmlUrl }} />}
        </>
      )}
    </div>
  );
}
