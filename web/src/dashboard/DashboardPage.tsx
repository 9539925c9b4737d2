// 驾驶舱: a welcome; for the office the supervision cockpit (ECharts), for a department its open reports;
// for other roles an overview of what the platform offers them.
import { Card, Col, Row, Spin, Statistic, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useDepartments, useMe } from '../api/hooks';
import { areasFor, roleMay, ROLE_LABELS } from '../components/areas';
import { MyWorkSummary } from '../progress/MyTasksPage';
import { SupervisionCockpit } from './SupervisionCockpit';
import { CalendarWarning } from '../calendar/CalendarWarning';
import { CreditDeadlinesCard } from '../credit/CreditDeadlinesCard';
import { PublicationDueCard } from '../inspections/PublicationDueCard';
import { DisposalsDueCard } from '../sampling/DisposalsDueCard';
import { useDemoStatus } from './DemoLoading';

export function DashboardPage() {
  const user = useMe().data!;
  const demo = useDemoStatus();
  // while the demo's content loads after a first start (the banner above says so) its figures would be short
  const figures = demo.isSuccess && !demo.data.loading;
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        驾驶舱
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          欢迎，{user.displayName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {user.tenantName} · {ROLE_LABELS[user.role]}
          {user.departmentName ? ` · ${user.departmentName}` : ''}
        </Typography.Paragraph>
      </Card>
      {!figures && !demo.isError && <Spin data-testid="dashboard-waiting" style={{ display: 'block', margin: '48px auto' }} />}
      {(figures || demo.isError) && <DashboardFigures />}
    </div>
  );
}

function DashboardFigures() {
  const user = useMe().data!;
  return (
    <>
      {roleMay(user.role, 'tracking:supervise') && <CalendarWarning canEnter={roleMay(user.role, 'calendar:manage')} />}
      {roleMay(user.role, 'dashboard:read') && <SupervisionCockpit />}
      {roleMay(user.role, 'credit:deadlines') && <CreditDeadlinesCard />}
      {roleMay(user.role, 'inspections:deadlines') && <PublicationDueCard />}
      {roleMay(user.role, 'sampling:deadlines') && <DisposalsDueCard />}
      {roleMay(user.role, 'progress:report') && <MyWorkSummary />}
      {!roleMay(user.role, 'tracking:supervise') && !roleMay(user.role, 'progress:report') && <PlatformOverview />}
    </>
  );
}

/** For roles without supervision work: what the platform offers them. */
function PlatformOverview() {
  const user = useMe().data!;
  const departments = useDepartments();
  const navigate = useNavigate();
  const all = areasFor(user.role);
  const areas = all.filter((a) => a.key !== 'dashboard');
  const activeDepartments = departments.data?.filter((d) => d.active).length;
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="责任部门" value={activeDepartments ?? '—'} suffix={activeDepartments !== undefined ? '个' : undefined} loading={departments.isPending} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="已开放功能" value={all.filter((a) => a.built).length} suffix="项" />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="建设中功能" value={all.filter((a) => !a.built).length} suffix="项" />
          </Card>
        </Col>
      </Row>
      <Card title="功能概览">
        <Row gutter={[16, 16]}>
          {areas.map((area) => {
            const target = area.path ?? area.children?.[0]?.path;
            return (
              <Col key={area.key} xs={12} md={8} lg={6}>
                <Card
                  size="small"
                  hoverable={area.built}
                  onClick={area.built && target ? () => navigate(target) : undefined}
                  style={{ opacity: area.built ? 1 : 0.65 }}
                >
                  <span style={{ marginInlineEnd: 8 }}>{area.icon}</span>
                  {area.label}
                  <Tag style={{ float: 'right' }} color={area.built ? 'green' : 'default'}>
                    {area.built ? '已开放' : '建设中'}
                  </Tag>
                </Card>
              </Col>
            );
          })}
        </Row>
      </Card>
    </>
  );
}
