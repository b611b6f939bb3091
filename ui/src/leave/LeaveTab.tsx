// 班次与排班 → 请假: three views behind a Segmented — 请假记录 (the list, 登记请假, 撤销), 假期余额 (balances, 发放年度假期,
// 调整余额) and 假期类型 (the types and their rules). The view lives in the address (#/shifts/leave/balances).
import { Segmented, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../feedback';
import { useLeaveTypes } from '../queries';
import { LEAVE_VIEWS, useLeaveView, type LeaveView } from '../router';
import { BalancesView } from './BalancesView';
import { RecordsView } from './RecordsView';
import { TypesView } from './TypesView';
import './leave.css';

export function LeaveTab() {
  const { t } = useTranslation();
  const [view, setView] = useLeaveView();
  const types = useLeaveTypes();

  return (
    <div className="leave-tab" data-testid="leave-tab">
      <Segmented<LeaveView>
        className="leave-block"
        value={view}
        onChange={setView}
        options={LEAVE_VIEWS.map((key) => ({
          value: key,
          label: <span data-testid={`leave-tab-${key}`}>{t(`leave.views.${key}`)}</span>,
        }))}
      />
      {types.isPending ? (
        <Skeleton active />
      ) : types.isError ? (
        <LoadError error={types.error} onRetry={() => void types.refetch()} />
      ) : (
        <>
          {view === 'records' && <RecordsView types={types.data} />}
          {view === 'balances' && <BalancesView types={types.data} />}
          {view === 'types' && <TypesView types={types.data} />}
        </>
      )}
    </div>
  );
}
