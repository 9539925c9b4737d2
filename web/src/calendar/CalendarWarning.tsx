// The 驾驶舱's reminder that next year's State Council holiday schedule is not entered (from 1
// November), or this year's: deadlines then rest on the statutory estimate without 调休.
import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useCalendarStatus } from '../api/calendar';

export function CalendarWarning({ canEnter }: { canEnter: boolean }) {
  const status = useCalendarStatus();
  const navigate = useNavigate();
  const warning = status.data?.warning;
  if (!warning) return null;
  return (
    <Alert
      data-testid="calendar-warning"
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message="工作日历提醒"
      description={warning.message}
      action={
        canEnter ? (
          <Button size="small" type="primary" onClick={() => navigate(`/admin/calendar?year=${warning.year}`)}>
            录入{warning.year}年安排
          </Button>
        ) : undefined
      }
    />
  );
}
