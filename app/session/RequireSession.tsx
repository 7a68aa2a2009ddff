import { useMeQuery } from '@app/api/me';
import { isApiProblem } from '@app/api/problem';
import { FullPageSpinner } from '@app/components/FullPageSpinner';
import { LoadFailed } from '@app/components/LoadFailed';
import { applyLocale, storedLocale } from '@app/i18n';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';

const PASSWORD_PAGE = '/account/password';

/**
 * Gate for every page behind the login: waits for Me, follows the user's language, and keeps a user with a
 * temporary password on the change-password page until they have set their own.
 */
export function RequireSession() {
  const me = useMeQuery();
  const location = useLocation();
  const userLocale = me.data?.user.locale;
  const workspaceLocale = me.data?.workspace.defaultLocale;

  useEffect(() => {
    if (!workspaceLocale) return;
    applyLocale(userLocale ?? storedLocale() ?? workspaceLocale);
  }, [userLocale, workspaceLocale]);

  if (!me.data) {
    // A 401 has already sent the browser to the login page (see the unauthorized handler in App).
    const unauthorized = isApiProblem(me.error) && me.error.status === 401;
    if (me.isError && !unauthorized) return <LoadFailed error={me.error} onRetry={() => void me.refetch()} />;
    return <FullPageSpinner />;
  }
  if (me.data.user.mustChangePassword && location.pathname !== PASSWORD_PAGE) {
    return <Navigate to={PASSWORD_PAGE} replace />;
  }
  return <Outlet />;
}
