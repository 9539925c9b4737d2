// Routes of the web app. Everything except the sign-in page and the public page (/public) needs a signed-in user;
// admin pages need the admin role and show 无权访问 to anyone else.
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { setUnauthorizedHandler } from './api/client';
import { keys, useMe } from './api/hooks';
import { LoginPage } from './auth/LoginPage';
import { ChangePasswordPage } from './auth/ChangePasswordPage';
import { AppLayout } from './components/AppLayout';
import { RequireAuth, RequireRole } from './components/guards';
import { NotFound } from './components/results';
import { DashboardPage } from './dashboard/DashboardPage';
import { UsersPage } from './admin/UsersPage';
import { DepartmentsPage } from './admin/DepartmentsPage';
import { RegionsPage } from './admin/RegionsPage';
import { AuditPage } from './admin/AuditPage';
import { CalendarPage } from './calendar/CalendarPage';
import { PlansListPage } from './plans/PlansListPage';
import { ImportPage } from './plans/ImportPage';
import { PlanPage } from './plans/PlanPage';
import { PublicPlansPage } from './public/PublicPlansPage';
import { MyTasksPage } from './progress/MyTasksPage';
import { ProgressOverviewPage } from './progress/ProgressOverviewPage';
import { ReportPage } from './progress/ReportPage';
import { NoticesPage } from './notices/NoticesPage';
import { NoticePage } from './notices/NoticePage';
import { AssessmentPage } from './assessment/AssessmentPage';

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

/** /progress: a department's own tasks, the office's overview. */
function ProgressHome() {
  const me = useMe().data;
  return <Navigate to={me?.role === 'department' ? '/progress/my' : '/progress/overview'} replace />;
}

export function App() {
  return (
    <>
      <SessionExpiry />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/change-password" element={<ChangePasswordPage />} />
        <Route path="/public" element={<PublicPlansPage />} />
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
            <Route path="admin/calendar" element={<RequireRole action="calendar:manage" />}>
              <Route index element={<CalendarPage />} />
            </Route>
            <Route path="plans" element={<RequireRole action="plans:read" />}>
              <Route index element={<PlansListPage />} />
              <Route path=":id" element={<PlanPage />} />
            </Route>
            <Route path="plans/import" element={<RequireRole action="plans:import" />}>
              <Route index element={<ImportPage />} />
            </Route>
            {/* 任务督办, 督查通报, 部门考核 */}
            <Route path="progress" element={<RequireRole action="tasks:read" />}>
              <Route index element={<ProgressHome />} />
              <Route path="reports/:id" element={<ReportPage />} />
            </Route>
            <Route path="progress/my" element={<RequireRole action="progress:report" />}>
              <Route index element={<MyTasksPage />} />
            </Route>
            <Route path="progress/overview" element={<RequireRole action="progress:review" />}>
              <Route index element={<ProgressOverviewPage />} />
            </Route>
            <Route path="notices" element={<RequireRole action="notices:read" />}>
              <Route index element={<NoticesPage />} />
              <Route path=":id" element={<NoticePage />} />
            </Route>
            <Route path="assessment" element={<RequireRole action="assessment:read" />}>
              <Route index element={<AssessmentPage />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
      </Routes>
    </>
  );
}
