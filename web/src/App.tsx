// Routes of the web app. Everything except the sign-in page needs a signed-in user;
// admin pages need the admin role and show 无权访问 to anyone else.
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { setUnauthorizedHandler } from './api/client';
import { keys } from './api/hooks';
import { LoginPage } from './auth/LoginPage';
import { AppLayout } from './components/AppLayout';
import { RequireAuth, RequireRole } from './components/guards';
import { NotFound } from './components/results';
import { DashboardPage } from './dashboard/DashboardPage';
import { UsersPage } from './admin/UsersPage';
import { DepartmentsPage } from './admin/DepartmentsPage';
import { RegionsPage } from './admin/RegionsPage';
import { AuditPage } from './admin/AuditPage';

function SessionExpiry() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = AntApp.useApp();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (!client.getQueryData(keys.me)) return;
      client.setQueryData(keys.me, null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      void message.warning('登录已过期，请重新登录');
      navigate('/login', { replace: true, state: { from: location.pathname } });
    });
    return () => setUnauthorizedHandler(undefined);
  }, [client, navigate, location.pathname, message]);
  return null;
}

export function App() {
  return (
    <>
      <SessionExpiry />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireAuth />}>
          <Route element={<AppLayout />}>
            <Route index element={<Navigate to="/dashboard" replace />} />
            <Route path="dashboard" element={<DashboardPage />} />
            <Route path="admin" element={<RequireRole action="settings:manage" />}>
              <Route index element={<Navigate to="/admin/users" replace />} />
            </Route>
            <Route path="admin/users" element={<RequireRole action="users:manage" />}>
              <Route index element={<UsersPage />} />
            </Route>
            <Route path="admin/departments" element={<RequireRole action="departments:manage" />}>
              <Route index element={<DepartmentsPage />} />
            </Route>
            <Route path="admin/regions" element={<RequireRole action="regions:manage" />}>
              <Route index element={<RegionsPage />} />
            </Route>
            <Route path="admin/audit" element={<RequireRole action="audit:read" />}>
              <Route index element={<AuditPage />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
      </Routes>
    </>
  );
}
