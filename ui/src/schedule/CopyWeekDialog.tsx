// 复制一周: the selected people's plan of one Monday–Sunday week written over other weeks of the month.
import { useState } from 'react';
import { Checkbox, Form, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScheduleEdit } from '../bindings/ScheduleEdit';
import type { ScheduleRowDto } from '../bindings/ScheduleRowDto';
import type { WeekChoice } from './model';
import { PeopleLine } from './FillRotationDialog';

export function CopyWeekDialog({
  weeks,
  defaultWeek,
  people,
  pending,
  onRun,
  onClose,
}: {
  weeks: readonly WeekChoice[];
  /** The Monday of the week to copy from (the focused cell's week). */
  defaultWeek: string | undefined;
  people: readonly ScheduleRowDto[];
  pending: boolean;
  onRun: (edit: ScheduleEdit) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [source, setSource] = useState<string | undefined>(defaultWeek ?? weeks[0]?.monday);
  const [targets, setTargets] = useState<string[]>([]);
  const [tried, setTried] = useState(false);

  const label = (week: WeekChoice) =>
    t('schedule.copy.week', { index: week.index, from: week.monday.slice(5), to: week.sunday.slice(5) });
  const others = weeks.filter((week) => week.monday !== source);
  const chosen = targets.filter((monday) => monday !== source);

  const submit = () => {
    setTried(true);
    if (!source || chosen.length === 0 || people.length === 0) return;
    void onRun({
      kind: 'copy_week',
      employee_ids: people.map((p) => p.employee_id),
      from_week: source,
      to_weeks: weeks.map((w) => w.monday).filter((monday) => chosen.includes(monday)),
    });
  };

  return (
    <Modal
      open
      title={t('schedule.copy.title')}
      okText={t('schedule.copy.run')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'copy-week-run' } as ButtonProps}
      destroyOnHidden
    >
      <PeopleLine people={people} />
      <Form layout="vertical" component="div">
        <Form.Item label={t('schedule.copy.source')} required>
          <Select<string>
            data-testid="copy-week-from"
            value={source}
            options={weeks.map((week) => ({ value: week.monday, label: label(week) }))}
            onChange={(value) => {
              setSource(value);
              setTargets((old) => old.filter((monday) => monday !== value));
            }}
          />
        </Form.Item>
        <Form.Item
          label={t('schedule.copy.targets')}
          required
          validateStatus={tried && chosen.length === 0 ? 'error' : undefined}
          help={tried && chosen.length === 0 ? t('schedule.copy.targets_required') : undefined}
        >
          <Checkbox.Group
            className="sch-week-list"
            data-testid="copy-week-to"
            value={chosen}
            options={others.map((week) => ({ value: week.monday, label: label(week) }))}
            onChange={(values) => setTargets(values as string[])}
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('schedule.copy.note')}</Typography.Text>
    </Modal>
  );
}
