// Routes of the web app. Everything except the sign-in page and the public page (/public) needs a signed-in user;
// admin pages need the admin role and show 无权访问 to anyone else.
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Spin } from 'antd';
import { setUnauthorizedHandler } from './api/client';
import { keys, useMe } from './api/hooks';
import { LoginPage } from './auth/LoginPage';
import { ChangePasswordPage } from './auth/ChangePasswordPage';
import { RequireAuth, RequireRole } from './components/guards';
import { NotFound } from './components/results';

// Pages load on demand (issue 8): the sign-in and public pages do not download the chart library,
// the admin pages or the signed-in shell.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const UsersPage = lazy(() => import('./admin/UsersPage').then((m) => ({ default: m.UsersPage })));
const DepartmentsPage = lazy(() => import('./admin/DepartmentsPage').then((m) => ({ default: m.DepartmentsPage })));
const RegionsPage = lazy(() => import('./admin/RegionsPage').then((m) => ({ default: m.RegionsPage })));
const AuditPage = lazy(() => import('./admin/AuditPage').then((m) => ({ default: m.AuditPage })));
const CalendarPage = lazy(() => import('./calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const PlansListPage = lazy(() => import('./plans/PlansListPage').then((m) => ({ default: m.PlansListPage })));
const ImportPage = lazy(() => import('./plans/ImportPage').then((m) => ({ default: m.ImportPage })));
const PlanPage = lazy(() => import('./plans/PlanPage').then((m) => ({ default: m.PlanPage })));
const PublicPlansPage = lazy(() => import('./public/PublicPlansPage').then((m) => ({ default: m.PublicPlansPage })));
const MyTasksPage = lazy(() => import('./progress/MyTasksPage').then((m) => ({ default: m.MyTasksPage })));
const ProgressOverviewPage = lazy(() => import('./progress/ProgressOverviewPage').then((m) => ({ default: m.ProgressOverviewPage })));
const ReportPage = lazy(() => import('./progress/ReportPage').then((m) => ({ default: m.ReportPage })));
const NoticesPage = lazy(() => import('./notices/NoticesPage').then((m) => ({ default: m.NoticesPage })));
const NoticePage = lazy(() => import('./notices/NoticePage').then((m) => ({ default: m.NoticePage })));
const PlanSettingsPage = lazy(() => import('./plans/PlanSettingsPage').then((m) => ({ default: m.PlanSettingsPage })));
const AssessmentPage = lazy(() => import('./assessment/AssessmentPage').then((m) => ({ default: m.AssessmentPage })));
const EnterprisesPage = lazy(() => import('./enterprises/EnterprisesPage').then((m) => ({ default: m.EnterprisesPage })));
const EnterpriseImportPage = lazy(() => import('./enterprises/ImportPage').then((m) => ({ default: m.EnterpriseImportPage })));
const EnterpriseFilePage = lazy(() => import('./enterprises/EnterpriseFilePage').then((m) => ({ default: m.EnterpriseFilePage })));
const CreditSettingsPage = lazy(() => import('./credit/CreditSettingsPage').then((m) => ({ default: m.CreditSettingsPage })));
const InspectionsPage = lazy(() => import('./inspections/InspectionsPage').then((m) => ({ default: m.InspectionsPage })));
const SamplingPage = lazy(() => import('./sampling/SamplingPage').then((m) => ({ default: m.SamplingPage })));
const SamplingPlanPage = lazy(() => import('./sampling/PlanPage').then((m) => ({ default: m.SamplingPlanPage })));
const SamplePage = lazy(() => import('./sampling/SamplePage').then((m) => ({ default: m.SamplePage })));
const CampaignPage = lazy(() => import('./inspections/CampaignPage').then((m) => ({ default: m.CampaignPage })));
const AppLayout = lazy(() => import('./components/AppLayout').then((m) => ({ default: m.AppLayout })));

function PageLoading() {
  return <Spin style={{ display: 'block', margin: '120px auto' }} />;
}

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

function CreditEnterpriseRedirect() {
  return <Navigate to={`/enterprises/${useParams().id ?? ''}`} replace />;
}

export function App() {
  return (
    <>
      <SessionExpiry />
      <Suspense fallback={<PageLoading />}>
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
            <Route path="admin/credit" element={<RequireRole action="credit:settings" />}>
              <Route index element={<CreditSettingsPage />} />
            </Route>
            {/* the credit room's first page for one enterprise now lives in its quality file */}
            <Route path="credit/enterprise/:id" element={<CreditEnterpriseRedirect />} />
            <Route path="enterprises" element={<RequireRole action="enterprises:read" />}>
              <Route index element={<EnterprisesPage />} />
              <Route path=":id" element={<EnterpriseFilePage />} />
            </Route>
            <Route path="enterprises/import" element={<RequireRole action="enterprises:import" />}>
              <Route index element={<EnterpriseImportPage />} />
            </Route>
            <Route path="plans" element={<RequireRole action="plans:read" />}>
              <Route index element={<PlansListPage />} />
              <Route path=":id" element={<PlanPage />} />
            </Route>
            <Route path="plans/import" element={<RequireRole action="plans:import" />}>
              <Route index element={<ImportPage />} />
            </Route>
            <Route path="plans/settings" element={<RequireRole action="plans:settings" />}>
              <Route index element={<PlanSettingsPage />} />
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
            <Route path="inspections" element={<RequireRole action="inspections:read" />}>
              <Route index element={<InspectionsPage />} />
              <Route path="campaigns/:id" element={<CampaignPage />} />
            </Route>
            <Route path="sampling" element={<RequireRole action="sampling:read" />}>
              <Route index element={<SamplingPage />} />
              <Route path="plans/:id" element={<SamplingPlanPage />} />
              <Route path="samples/:id" element={<SamplePage />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
      </Routes>
      </Suspense>
    </>
  );
}
