import { setUnauthorizedHandler } from '@app/api/client';
import { createQueryClient } from '@app/api/query-client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { routes } from './routes';

const queryClient = createQueryClient();
const router = createBrowserRouter(routes);

const PUBLIC_PATHS = new Set(['/login', '/setup']);

// Any 401 outside the login form means the session is gone: back to the login page, remembering where the
// user was and saying why when the server said the session timed out.
setUnauthorizedHandler((code) => {
  const { pathname, search } = router.state.location;
  if (PUBLIC_PATHS.has(pathname)) return;
  const params = new URLSearchParams();
  if (code === 'session_expired') params.set('reason', 'session_expired');
  if (pathname !== '/') params.set('next', `${pathname}${search}`);
  const query = params.toString();
  void router.navigate(query ? `/login?${query}` : '/login', { replace: true });
});

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
