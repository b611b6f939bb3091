// 按轮班填充: a rotation written over a date range for the selected people, each next person starting N days
// later, with a preview of the first people's first two weeks computed here from the rotation's days.
import { useMemo, useState, type CSSProperties } from 'react';
import { Alert, DatePicker, Form, InputNumber, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { RotationDto } from '../bindings/RotationDto';
import type { ScheduleEdit } from '../bindings/ScheduleEdit';
import type { ScheduleRowDto } from '../bindings/ScheduleRowDto';
import { REST_CODE, rotationPreview } from './model';

const DATE_FORMAT = 'YYYY-MM-DD';
const PREVIEW_DAYS = 14;
/** People whose preview is shown when they start on different days. */
const PREVIEW_PEOPLE = 3;
const NAMES_SHOWN = 6;

/** A code as a small coloured chip (休 grey). */
export function CodeChip({ code, color, caption }: { code: string; color?: string; caption?: string }) {
  const { t } = useTranslation();
  const rest = code === REST_CODE || code === '';
  return (
    <span className="sch-preview-day">
      {caption && <span className="sch-preview-caption">{caption}</span>}
      <span
        className={rest ? 'sch-chip sch-chip--rest' : 'sch-chip'}
        style={rest || !color ? undefined : ({ '--chip': color } as CSSProperties)}
      >
        {rest ? t('schedule.marks.rest') : code}
      </span>
    </span>
  );
}

/** 张三、李四 … 等 N 人. */
export function PeopleLine({ people }: { people: readonly ScheduleRowDto[] }) {
  const { t } = useTranslation();
  const names = people.slice(0, NAMES_SHOWN).map((p) => `${p.employee_no} ${p.name}`);
  return (
    <Typography.Paragraph className="sch-dialog-people" data-testid="schedule-dialog-people">
      {people.length > NAMES_SHOWN
        ? t('schedule.dialog.people_more', { names: names.join('、'), count: people.length })
        : t('schedule.dialog.people', { names: names.join('、'), count: people.length })}
    </Typography.Paragraph>
  );
}

export function FillRotationDialog({
  rotations,
  rotationsLoading,
  colorOfCode,
  people,
  defaultFrom,
  defaultTo,
  pending,
  onRun,
  onClose,
}: {
  rotations: readonly RotationDto[];
  rotationsLoading: boolean;
  colorOfCode: ReadonlyMap<string, string>;
  people: readonly ScheduleRowDto[];
  defaultFrom: string;
  defaultTo: string;
  pending: boolean;
  onRun: (edit: ScheduleEdit) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [rotationId, setRotationId] = useState<number | undefined>(rotations.length === 1 ? rotations[0].id : undefined);
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  const [anchor, setAnchor] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [tried, setTried] = useState(false);

  const rotation = rotations.find((r) => r.id === rotationId);
  // The cycle's day 1 falls on the first date unless the clerk picks another day.
  const anchorDate = anchor ?? from;
  const rangeWrong = to < from;

  const previews = useMemo(() => {
    if (!rotation) return [];
    const count = offset === 0 ? Math.min(1, people.length) : Math.min(PREVIEW_PEOPLE, people.length);
    return Array.from({ length: Math.max(count, 1) }, (_, i) => ({
      person: people[i],
      days: rotationPreview({ rotation, anchor: anchorDate, from, to, offset, personIndex: i, count: PREVIEW_DAYS }),
    }));
  }, [rotation, anchorDate, from, to, offset, people]);

  const submit = () => {
    setTried(true);
    if (!rotation || rangeWrong || people.length === 0) return;
    void onRun({
      kind: 'fill_rotation',
      employee_ids: people.map((p) => p.employee_id),
      rotation_id: rotation.id,
      anchor: anchorDate,
      from,
      to,
      offset_per_person: offset,
    });
  };

  const dateValue = (iso: string) => dayjs(iso, DATE_FORMAT);
  const onDate = (set: (iso: string) => void) => (value: Dayjs | null) => {
    if (value) set(value.format(DATE_FORMAT));
  };

  return (
    <Modal
      open
      title={t('schedule.fill.title')}
      okText={t('schedule.fill.run')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'fill-run', disabled: rotations.length === 0 } as ButtonProps}
      width={720}
      destroyOnHidden
    >
      <PeopleLine people={people} />
      {!rotationsLoading && rotations.length === 0 && (
        <Alert type="info" showIcon className="sch-dialog-block" title={t('schedule.fill.no_rotations')} />
      )}
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('schedule.fill.rotation')}
          required
          validateStatus={tried && !rotation ? 'error' : undefined}
          help={tried && !rotation ? t('schedule.fill.rotation_required') : undefined}
        >
          <Select<number>
            data-testid="fill-rotation-select"
            value={rotationId}
            loading={rotationsLoading}
            options={rotations.map((r) => ({ value: r.id, label: r.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('schedule.fill.rotation_placeholder')}
            onChange={setRotationId}
          />
        </Form.Item>
        {rotation && (
          <div className="sch-preview-row sch-dialog-block" data-testid="fill-rotation-days">
            {rotation.days.map((code, i) => (
              <CodeChip key={i} code={code} color={colorOfCode.get(code)} caption={String(i + 1)} />
            ))}
          </div>
        )}
        <div className="sch-dialog-dates">
          <Form.Item label={t('schedule.fill.from')} required>
            <DatePicker value={dateValue(from)} format={DATE_FORMAT} allowClear={false} data-testid="fill-from" onChange={onDate(setFrom)} />
          </Form.Item>
          <Form.Item
            label={t('schedule.fill.to')}
            required
            validateStatus={rangeWrong ? 'error' : undefined}
            help={rangeWrong ? t('schedule.fill.to_before_from') : undefined}
          >
            <DatePicker value={dateValue(to)} format={DATE_FORMAT} allowClear={false} data-testid="fill-to" onChange={onDate(setTo)} />
          </Form.Item>
          <Form.Item label={t('schedule.fill.anchor')} tooltip={t('schedule.fill.anchor_help')}>
            <DatePicker
              value={dateValue(anchorDate)}
              format={DATE_FORMAT}
              allowClear={false}
              data-testid="fill-anchor"
              onChange={onDate(setAnchor)}
            />
          </Form.Item>
          <Form.Item label={t('schedule.fill.offset')} tooltip={t('schedule.fill.offset_help')}>
            <InputNumber<number>
              min={0}
              max={365}
              precision={0}
              value={offset}
              data-testid="fill-offset"
              onChange={(value) => setOffset(value ?? 0)}
            />
          </Form.Item>
        </div>
      </Form>
      {rotation && (
        <div className="sch-dialog-block" data-testid="fill-preview">
          <Typography.Text strong>{t('schedule.fill.preview', { days: PREVIEW_DAYS })}</Typography.Text>
          {previews.map(({ person, days }, i) => (
            <div key={i} className="sch-preview-person">
              <span className="sch-preview-who">{person ? `${person.employee_no} ${person.name}` : '—'}</span>
              <span className="sch-preview-row">
                {days.map((day) => (
                  <CodeChip
                    key={day.date}
                    code={day.code}
                    color={colorOfCode.get(day.code)}
                    caption={`${Number(day.date.slice(8, 10))}${t(`schedule.weekdays.${day.weekday}`)}`}
                  />
                ))}
              </span>
            </div>
          ))}
          <Typography.Text type="secondary" className="sch-dialog-note">
            {t('schedule.fill.overwrite_note')}
          </Typography.Text>
        </div>
      )}
    </Modal>
  );
}
