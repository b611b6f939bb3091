// 班次与排班: tabs for timetables (班次), rotations (轮班规律), attendance groups (考勤组), the 排班 grid and leave (请假); the tab lives in the address (#/shifts/groups).
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SHIFTS_TABS, useShiftsTab } from '../router';
import { TimetablesTab } from './TimetablesTab';
import { RotationsTab } from './RotationsTab';
import { GroupsTab } from '../groups/GroupsTab';
import { ScheduleTab } from '../schedule/ScheduleTab';
import { LeaveTab } from '../leave/LeaveTab';

export function ShiftsPage() {
  const { t } = useTranslation();
  const [tab, goTo] = useShiftsTab();
  return (
    <div className="page">
      <Typography.Title level={3}>{t('nav.shifts')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => goTo(key as typeof tab)}
        items={SHIFTS_TABS.map((key) => ({
          key,
          label: <span data-testid={`shifts-tab-${key}`}>{t(`timetables.tabs.${key}`)}</span>,
        }))}
      />
      {tab === 'timetables' && <TimetablesTab />}
      {tab === 'rotations' && <RotationsTab />}
      {tab === 'groups' && <GroupsTab />}
      {tab === 'schedule' && <ScheduleTab />}
      {tab === 'leave' && <LeaveTab />}
    </div>
  );
}
