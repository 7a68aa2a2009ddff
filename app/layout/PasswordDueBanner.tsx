import { useSession } from '@app/session/use-session';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

const dismissedKey = (userId: string) => `kefu.passwordDueDismissed.${userId}`;

function wasDismissed(userId: string): boolean {
  try {
    return sessionStorage.getItem(dismissedKey(userId)) === '1';
  } catch {
    return false;
  }
}

/**
 * Reminder when the password is older than the workspace's rotation period. Closing it holds for this
 * browser tab, so it does not nag on every page but returns on the next visit.
 */
export function PasswordDueBanner() {
  const { t } = useTranslation();
  const { user, passwordChangeDue } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [dismissed, setDismissed] = useState(() => wasDismissed(user.id));

  // Home carries its own reminder card, and the password page is where the banner would lead anyway.
  const pageHasOwnReminder = pathname === '/' || pathname === '/account/password';
  if (!passwordChangeDue || user.mustChangePassword || dismissed || pageHasOwnReminder) return null;

  const dismiss = () => {
    setDismissed(true);
    try {
      sessionStorage.setItem(dismissedKey(user.id), '1');
    } catch {
      // Without storage the banner simply returns on reload.
    }
  };

  return (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose: dismiss }}
      title={t('password.due')}
      action={
        <Button size="small" onClick={() => navigate('/account/password')}>
          {t('password.dueAction')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
