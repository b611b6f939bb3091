// 结账: the month's checklist (computed, terminals read past the month's end, no open errors), then close — forced
// past failed checks only with a reason — or, for a closed month, re-open with a reason. Both are recorded.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Input, List, Skeleton, Space, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LoadError, useShowError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { useClosePeriod, usePeriodStatus, useReopenPeriod } from '../queries';

export function ClosePanel({ month, onClose }: { month: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { message } = App.useApp();
  const showError = useShowError();
  const status = usePeriodStatus(month);
  const close = useClosePeriod();
  const reopen = useReopenPeriod();
  const [force, setForce] = useState(false);
  const [reason, setReason] = useState('');

  let body;
  if (status.isError) body = <LoadError error={status.error} onRetry={() => void status.refetch()} />;
  else if (!status.data) body = <Skeleton active />;
  else {
    const s = status.data;
    const failed = s.checks.some((c) => !c.ok);
    const act = async () => {
      try {
        if (s.closed) await reopen.mutateAsync({ month, reason });
        else await close.mutateAsync({ month, force, reason });
        void message.success(s.closed ? t('exceptions.period.reopened', { month }) : t('exceptions.period.closed', { month }));
        setReason('');
        setForce(false);
      } catch (error) {
        showError(error);
      }
    };
    const needsReason = s.closed || (failed && force);
    body = (
      <Space orientation="vertical" size="middle" className="exc-close">
        {s.closed ? (
          <Alert type="info" showIcon title={t('exceptions.period.is_closed', { month })} />
        ) : (
          <List
            size="small"
            bordered
            dataSource={s.checks}
            data-testid="period-checks"
            renderItem={(c) => (
              <List.Item>
                <Space>
                  {c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
                  {localize(c.text, lang)}
                </Space>
              </List.Item>
            )}
          />
        )}
        {!s.closed && failed && (
          <Checkbox checked={force} onChange={(e) => setForce(e.target.checked)} data-testid="period-force">
            {t('exceptions.period.force')}
          </Checkbox>
        )}
        {needsReason && (
          <Input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('exceptions.period.reason')}
            maxLength={200}
            data-testid="period-reason"
          />
        )}
        <Button
          type="primary"
          danger={s.closed}
          disabled={(!s.closed && failed && !force) || (needsReason && reason.trim() === '')}
          loading={close.isPending || reopen.isPending}
          onClick={() => void act()}
          data-testid="period-act"
        >
          {s.closed ? t('exceptions.reopen') : t('exceptions.close')}
        </Button>
        {s.events.length > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>{t('exceptions.period.history')}</Typography.Text>}
            dataSource={s.events}
            renderItem={(e) => (
              <List.Item>
                {e.at_utc} · {e.actor} · {t(`exceptions.period.${e.action}`)} {e.reason && `· ${e.reason}`}
                {e.audit_seq != null && ` · ${t('exceptions.period.head', { seq: e.audit_seq, hash: e.audit_head ?? '' })}`}
              </List.Item>
            )}
          />
        )}
      </Space>
    );
  }
  return (
    <Drawer open title={t('exceptions.period.title', { month })} onClose={onClose} size={520} mask={{ closable: false }}>
      {body}
    </Drawer>
  );
}
