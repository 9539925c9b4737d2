// A temporary page for one enterprise's credit (/credit/enterprise/:id) until the quality file page
// (the directory's) mounts CreditPanel.
import { useParams } from 'react-router-dom';
import { PageHeader } from '../admin/PageHeader';
import { useEnterpriseCredit } from './api';
import { CreditPanel } from './CreditPanel';

export function CreditEnterprisePage() {
  const id = useParams().id ?? '';
  const c = useEnterpriseCredit(id);
  return (
    <div>
      <PageHeader title={c.data ? c.data.enterprise.name : '企业信用'} description={c.data ? `统一社会信用代码 ${c.data.enterprise.creditCode}` : undefined} />
      <CreditPanel enterpriseId={id} />
    </div>
  );
}
