import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useMe } from '../api/hooks';
import { errorMessage } from '../api/client';
import type { Action } from '../../../src/org/auth/policy';
import { ROLE_LABELS, roleMay } from './areas';
import { Forbidden, FullPageSpin, LoadError } from './results';

/** Pages behind sign-in: anyone not signed in goes to /login and comes back afterwards. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <LoadError message={errorMessage(me.error)} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // The server refuses everything else until the user has chosen a new password.
  if (me.data.mustChangePassword) return <Navigate to="/change-password" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

/** Pages behind a policy action: a role without it sees 无权访问 (the server refuses it as well). */
export function RequireRole({ action }: { action: Action }) {
  const me = useMe();
  const user = me.data;
  if (!user) return null;
  if (!roleMay(user.role, action)) {
    return <Forbidden detail={`当前账号角色为「${ROLE_LABELS[user.role]}」，无权访问此页面。如需开通请联系系统管理员。`} />;
  }
  return <Outlet />;
}
