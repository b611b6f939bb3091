// 班次与排班 → 排班: the month grid (people × days) with filters, a palette to paint the selection, 按轮班填充,
// 复制一周, 调班, and 撤销 over the backend's undo lists.
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { App, Button, DatePicker, Empty, Input, Result, Select, Skeleton, Space, Tooltip, Typography } from 'antd';
import {
  CalendarOutlined,
  ClearOutlined,
  CopyOutlined,
  LeftOutlined,
  RightOutlined,
  SearchOutlined,
  SwapOutlined,
  SyncOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { ScheduleDayDto } from '../bindings/ScheduleDayDto';
import type { ScheduleEdit } from '../bindings/ScheduleEdit';
import type { ScheduleQuery } from '../bindings/ScheduleQuery';
import type { ScheduleRowDto } from '../bindings/ScheduleRowDto';
import type { TimetableChipDto } from '../bindings/TimetableChipDto';
import { toApiError } from '../apiError';
import { DepartmentFilter } from '../departments/DepartmentFilter';
import { LoadError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { useEditSchedule, useGroups, useRotations, useSchedule } from '../queries';
import { hashFor, navigate, navigateToHolidays } from '../router';
import { CopyWeekDialog } from './CopyWeekDialog';
import { FillRotationDialog } from './FillRotationDialog';
import {
  chipColor,
  filterRows,
  firstCell,
  focusOf,
  mondayOf,
  monthBounds,
  monthOf,
  monthWeeks,
  moveFocus,
  popUndo,
  pushUndo,
  restoreEdit,
  selectAll,
  selectCell,
  selectedCells,
  selectedDateSpan,
  selectedPeople,
  shiftMonth,
  swapPair,
  type RowFilter,
  type Selection,
  type UndoEntry,
} from './model';
import { scrollCellIntoView, ScheduleGrid, type SelectionUpdate } from './ScheduleGrid';
import './schedule.css';

const SEARCH_DELAY_MS = 300;
const MESSAGE_KEY = 'schedule-edit';
const NO_SELECTION: Selection = [];


/** Keys typed into a field, a picker or a dialog are theirs, not the grid's. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('input, textarea, select, [role="combobox"], .ant-select, .ant-picker')) return true;
  return false;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

type Dialog = 'fill' | 'copy' | null;

export function ScheduleTab() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { message } = App.useApp();

  // ---- filters ----
  const [month, setMonth] = useState(() => monthOf(new Date()));
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [groupId, setGroupId] = useState<number | null>(null);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [rowFilter, setRowFilter] = useState<RowFilter>('all');
  const [selection, setSelectionState] = useState<Selection>(NO_SELECTION);
  const [undoStack, setUndoStack] = useState<UndoEntry[]>([]);
  const undoRef = useRef<UndoEntry[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const containerRef = useRef<HTMLDivElement | null>(null);
  const scrollTarget = useRef<ReturnType<typeof focusOf>>(null);

  const setSelection = useCallback((update: SelectionUpdate) => setSelectionState(update), []);
  const clearSelection = useCallback(() => setSelectionState(NO_SELECTION), []);

  useEffect(() => {
    const trimmed = searchText.trim();
    if (trimmed === search) return;
    const timer = window.setTimeout(() => {
      setSearch(trimmed);
      setSelectionState(NO_SELECTION);
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [searchText, search]);

  const query = useMemo<ScheduleQuery>(
    () => ({ month, department_id: departmentId, group_id: groupId, search: search === '' ? null : search }),
    [month, departmentId, groupId, search],
  );
  const schedule = useSchedule(query);
  const groups = useGroups();
  const rotations = useRotations();
  const edit = useEditSchedule();

  const grid = schedule.data;
  const stale = schedule.isPlaceholderData;
  const days = useMemo<readonly ScheduleDayDto[]>(() => grid?.days ?? [], [grid]);
  const allRows = useMemo<readonly ScheduleRowDto[]>(() => grid?.rows ?? [], [grid]);
  const rows = useMemo(() => filterRows(allRows, rowFilter), [allRows, rowFilter]);
  const timetables = useMemo<readonly TimetableChipDto[]>(() => grid?.timetables ?? [], [grid]);
  const chips = useMemo(() => new Map(timetables.map((chip) => [chip.id, chip])), [timetables]);
  const colors = useMemo(() => new Map(timetables.map((chip, i) => [chip.id, chipColor(chip, i)])), [timetables]);
  const chipStyles = useMemo(
    () => new Map(timetables.map((chip) => [chip.id, { '--chip': colors.get(chip.id) } as CSSProperties])),
    [timetables, colors],
  );
  const colorOfCode = useMemo(() => new Map(timetables.map((chip) => [chip.code, colors.get(chip.id) ?? ''])), [timetables, colors]);

  const cells = useMemo(() => selectedCells(selection, rows, days), [selection, rows, days]);
  const people = useMemo(() => selectedPeople(cells, rows), [cells, rows]);
  const pair = useMemo(() => swapPair(cells), [cells]);
  const busy = edit.isPending || stale;

  const changeFilters = (apply: () => void) => {
    apply();
    setSelectionState(NO_SELECTION);
  };
  const goToMonth = (next: string) => changeFilters(() => setMonth(next));

  // Bring a cell into view after the render that shows it (keyboard moves, the jump to a conflict).
  useEffect(() => {
    const target = scrollTarget.current;
    if (!target) return;
    scrollTarget.current = null;
    scrollCellIntoView(containerRef.current, target);
  });

  // ---- tooltips ----
  const dayTitleOf = useCallback(
    (day: ScheduleDayDto) => {
      const lines = [`${day.date} ${t(`schedule.weekday_names.${day.weekday}`)} · ${t(`schedule.day_classes.${day.class}`)}`];
      if (day.festival) lines.push(t('schedule.festival', { name: day.festival }));
      lines.push(t('schedule.day_head_hint'));
      return lines.join('\n');
    },
    [t],
  );
  const titleOf = useCallback(
    (row: ScheduleRowDto, d: number) => {
      const day = days[d];
      const cell = row.cells[d];
      if (!day || !cell) return '';
      const lines = [`${row.employee_no} ${row.name} · ${day.date} ${t(`schedule.weekday_names.${day.weekday}`)}`];
      if (cell.timetable_id !== null) {
        const chip = chips.get(cell.timetable_id);
        lines.push(chip ? `${chip.code} ${chip.name}` : t('schedule.unknown_timetable'));
      } else if (['paint', 'rotation', 'swap', 'week', 'holiday', 'make_up'].includes(cell.source)) {
        lines.push(t('schedule.rest_day'));
      }
      lines.push(t(`schedule.sources.${cell.source}`));
      if (cell.source === 'holiday' && day.festival) lines.push(t('schedule.festival', { name: day.festival }));
      for (const conflict of cell.conflicts) lines.push(`⚠ ${localize(conflict.message, lang)}`);
      return lines.join('\n');
    },
    [days, chips, t, lang],
  );

  // ---- edits and undo ----
  const errorText = useCallback(
    (error: unknown) => {
      const apiError = toApiError(error);
      const fieldTexts = apiError.fields.map((field) => localize(field.message, lang)).filter((text) => text !== '');
      return fieldTexts.length > 0 ? fieldTexts.join('；') : localize(apiError.dto.message, lang);
    },
    [lang],
  );

  const undoLast = useCallback(async () => {
    const top = popUndo(undoRef.current);
    if (!top) return;
    undoRef.current = top.rest;
    setUndoStack(top.rest);
    try {
      const result = await edit.mutateAsync(restoreEdit(top.entry));
      void message.open({ key: MESSAGE_KEY, type: 'success', content: t('schedule.undone', { count: result.changed }) });
    } catch (error) {
      undoRef.current = [...undoRef.current, top.entry];
      setUndoStack(undoRef.current);
      void message.open({ key: MESSAGE_KEY, type: 'error', content: errorText(error) });
    }
  }, [edit, message, t, errorText]);

  /** Sends an edit; on success keeps its undo list and says how many cells changed. */
  const runEdit = useCallback(
    async (request: ScheduleEdit): Promise<boolean> => {
      try {
        const result = await edit.mutateAsync(request);
        if (result.undo.length > 0) {
          undoRef.current = pushUndo(undoRef.current, { cells: result.undo, changed: result.changed });
          setUndoStack(undoRef.current);
        }
        void message.open({
          key: MESSAGE_KEY,
          type: result.changed > 0 ? 'success' : 'info',
          duration: 6,
          content:
            result.changed > 0 ? (
              <span>
                {t('schedule.edited', { count: result.changed })}
                {result.undo.length > 0 && (
                  <Button
                    type="link"
                    size="small"
                    data-testid="schedule-message-undo"
                    onClick={() => {
                      message.destroy(MESSAGE_KEY);
                      void undoLast();
                    }}
                  >
                    {t('schedule.undo')}
                  </Button>
                )}
              </span>
            ) : (
              t('schedule.unchanged')
            ),
        });
        return true;
      } catch (error) {
        void message.open({ key: MESSAGE_KEY, type: 'error', content: errorText(error), duration: 8 });
        return false;
      }
    },
    [edit, message, t, errorText, undoLast],
  );

  const paint = (timetableId: number | null) => {
    if (busy || cells.length === 0) return;
    void runEdit({ kind: 'paint', cells: cells.map((c) => c.ref), timetable_id: timetableId });
  };
  const clear = () => {
    if (busy || cells.length === 0) return;
    void runEdit({ kind: 'clear', cells: cells.map((c) => c.ref) });
  };
  const swap = () => {
    if (busy || !pair) return;
    void runEdit({ kind: 'swap', a: pair[0], b: pair[1] });
  };

  // ---- counts and the conflict / unscheduled filters ----
  const toggleFilter = (filter: Exclude<RowFilter, 'all'>) => {
    const next: RowFilter = rowFilter === filter ? 'all' : filter;
    setRowFilter(next);
    const shown = filterRows(allRows, next);
    const target =
      next === 'conflicts'
        ? firstCell(shown, (cell) => cell.conflicts.length > 0)
        : next === 'unscheduled'
          ? firstCell(shown, (cell) => cell.source === 'unscheduled')
          : null;
    setSelectionState(target ? selectCell(target) : NO_SELECTION);
    scrollTarget.current = target;
    if (containerRef.current) {
      containerRef.current.scrollTop = 0;
      containerRef.current.focus({ preventScroll: true });
    }
  };

  // ---- keyboard ----
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Dialogs and dropdowns are portals: their keys bubble here through React but are not ours.
    if (!(event.target instanceof Node) || !event.currentTarget.contains(event.target)) return;
    if (isTypingTarget(event.target)) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key;
    if (mod && !event.altKey && (key === 'z' || key === 'Z') && !event.shiftKey) {
      event.preventDefault();
      void undoLast();
      return;
    }
    if (!containerRef.current?.contains(event.target)) return;
    if (mod && (key === 'a' || key === 'A')) {
      event.preventDefault();
      setSelectionState(selectAll(rows.length, days.length));
      return;
    }
    if (mod || event.altKey) return;
    const arrow = ARROWS[key];
    if (arrow) {
      event.preventDefault();
      const next = moveFocus(selection, arrow[0], arrow[1], event.shiftKey, rows.length, days.length);
      setSelectionState(next);
      scrollTarget.current = focusOf(next);
      return;
    }
    if (key === 'Escape') {
      if (selection.length > 0) {
        event.preventDefault();
        clearSelection();
      }
      return;
    }
    if (key === 'Delete' || key === 'Backspace') {
      event.preventDefault();
      clear();
      return;
    }
    if (key === '0' || key === 'r' || key === 'R') {
      event.preventDefault();
      paint(null);
      return;
    }
    if (/^[1-9]$/.test(key)) {
      const chip = timetables[Number(key) - 1];
      if (chip) {
        event.preventDefault();
        paint(chip.id);
      }
    }
  };

  // ---- dialogs' defaults ----
  const bounds = monthBounds(grid?.month ?? month);
  const span = selectedDateSpan(cells);
  const fillRange = span && span.from !== span.to ? span : bounds;
  const weeks = useMemo(() => monthWeeks(days), [days]);
  const focus = focusOf(selection);
  const focusDate = focus ? days[focus.day]?.date : undefined;
  const defaultWeek = focusDate ? mondayOf(focusDate) : weeks[0]?.monday;

  // ---- filters' data ----
  const groupOptions = useMemo(
    () => (groups.data?.groups ?? []).map((group) => ({ value: group.id, label: group.name })),
    [groups.data],
  );
  const filtered = departmentId !== null || groupId !== null || search !== '';

  const monthValue = dayjs(`${month}-01`);
  const missingYear = schedule.isError && toApiError(schedule.error).code === 'calendar_year_missing';

  const toolbar = (
    <div className="sch-toolbar">
      <Space.Compact>
        <Tooltip title={t('schedule.prev_month')}>
          <Button
            icon={<LeftOutlined />}
            aria-label={t('schedule.prev_month')}
            data-testid="schedule-prev-month"
            onClick={() => goToMonth(shiftMonth(month, -1))}
          />
        </Tooltip>
        <DatePicker
          picker="month"
          value={monthValue}
          format="YYYY-MM"
          allowClear={false}
          aria-label={t('schedule.month')}
          data-testid="schedule-month"
          className="sch-month"
          onChange={(value: Dayjs | null) => {
            if (value) goToMonth(value.format('YYYY-MM'));
          }}
        />
        <Tooltip title={t('schedule.next_month')}>
          <Button
            icon={<RightOutlined />}
            aria-label={t('schedule.next_month')}
            data-testid="schedule-next-month"
            onClick={() => goToMonth(shiftMonth(month, 1))}
          />
        </Tooltip>
      </Space.Compact>
      {month !== monthOf(new Date()) && (
        <Button icon={<CalendarOutlined />} onClick={() => goToMonth(monthOf(new Date()))}>
          {t('schedule.this_month')}
        </Button>
      )}
      <DepartmentFilter
        className="sch-filter"
        testId="schedule-department"
        value={departmentId}
        placeholder={t('schedule.all_departments')}
        label={t('schedule.department')}
        onChange={(id) => changeFilters(() => setDepartmentId(id))}
      />
      <Select<number>
        className="sch-filter"
        data-testid="schedule-group"
        value={groupId ?? undefined}
        options={groupOptions}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        placeholder={t('schedule.all_groups')}
        aria-label={t('schedule.group')}
        onChange={(value) => changeFilters(() => setGroupId(value ?? null))}
      />
      <Input
        className="sch-search"
        data-testid="schedule-search"
        prefix={<SearchOutlined />}
        allowClear
        value={searchText}
        placeholder={t('schedule.search_placeholder')}
        aria-label={t('schedule.search_placeholder')}
        onChange={(event) => setSearchText(event.target.value)}
        onPressEnter={() => changeFilters(() => setSearch(searchText.trim()))}
      />
      <span className="sch-counts">
        <span className="sch-count" data-testid="schedule-people">
          {t('schedule.people_count', { count: rows.length })}
        </span>
        <Tooltip title={rowFilter === 'conflicts' ? t('schedule.show_all') : t('schedule.conflicts_hint')}>
          <Button
            size="small"
            danger={(grid?.conflict_count ?? 0) > 0}
            type={rowFilter === 'conflicts' ? 'primary' : 'default'}
            aria-pressed={rowFilter === 'conflicts'}
            disabled={!grid || (grid.conflict_count === 0 && rowFilter !== 'conflicts')}
            onClick={() => toggleFilter('conflicts')}
          >
            {t('schedule.conflicts')} <span data-testid="schedule-conflicts">{grid?.conflict_count ?? 0}</span>
          </Button>
        </Tooltip>
        <Tooltip title={rowFilter === 'unscheduled' ? t('schedule.show_all') : t('schedule.unscheduled_hint')}>
          <Button
            size="small"
            type={rowFilter === 'unscheduled' ? 'primary' : 'default'}
            aria-pressed={rowFilter === 'unscheduled'}
            disabled={!grid || (grid.unscheduled_count === 0 && rowFilter !== 'unscheduled')}
            onClick={() => toggleFilter('unscheduled')}
          >
            {t('schedule.unscheduled')} <span data-testid="schedule-unscheduled">{grid?.unscheduled_count ?? 0}</span>
          </Button>
        </Tooltip>
      </span>
    </div>
  );

  const noSelection = cells.length === 0;
  const palette = (
    <div className="sch-palette" role="toolbar" aria-label={t('schedule.palette_label')}>
      {timetables.map((chip, i) => (
        <Tooltip key={chip.id} title={t('schedule.paint_hint', { code: chip.code, name: chip.name, key: i < 9 ? i + 1 : '—' })}>
          <Button
            className="sch-paint"
            data-testid={`schedule-paint-${chip.code}`}
            disabled={busy || noSelection}
            onClick={() => paint(chip.id)}
          >
            <span className="sch-chip" style={chipStyles.get(chip.id)}>
              {chip.code}
            </span>
            <span className="sch-paint-name">{chip.name}</span>
          </Button>
        </Tooltip>
      ))}
      <Tooltip title={t('schedule.rest_hint')}>
        <Button className="sch-paint" data-testid="schedule-paint-rest" disabled={busy || noSelection} onClick={() => paint(null)}>
          <span className="sch-chip sch-chip--rest">{t('schedule.marks.rest')}</span>
          <span className="sch-paint-name">{t('schedule.rest')}</span>
        </Button>
      </Tooltip>
      <Tooltip title={t('schedule.clear_hint')}>
        <Button icon={<ClearOutlined />} data-testid="schedule-clear" disabled={busy || noSelection} onClick={clear}>
          {t('schedule.clear')}
        </Button>
      </Tooltip>
      <span className="sch-palette-gap" />
      <Button icon={<SyncOutlined />} data-testid="schedule-fill-rotation" disabled={busy || noSelection} onClick={() => setDialog('fill')}>
        {t('schedule.fill_rotation')}
      </Button>
      <Button icon={<CopyOutlined />} data-testid="schedule-copy-week" disabled={busy || noSelection} onClick={() => setDialog('copy')}>
        {t('schedule.copy_week')}
      </Button>
      <Tooltip title={t('schedule.swap_hint')}>
        <Button icon={<SwapOutlined />} data-testid="schedule-swap" disabled={busy || !pair} onClick={swap}>
          {t('schedule.swap')}
        </Button>
      </Tooltip>
      <Tooltip title={t('schedule.undo_hint')}>
        <Button
          icon={<UndoOutlined />}
          data-testid="schedule-undo"
          disabled={edit.isPending || undoStack.length === 0}
          onClick={() => void undoLast()}
        >
          {t('schedule.undo')}
        </Button>
      </Tooltip>
    </div>
  );

  let body: ReactNode;
  if (missingYear) {
    const year = Number(month.slice(0, 4));
    body = (
      <Result
        status="warning"
        data-testid="schedule-missing-year"
        title={t('schedule.missing_year.title', { year })}
        subTitle={errorText(schedule.error)}
        extra={
          <Button type="primary" data-testid="schedule-go-holidays" onClick={() => navigateToHolidays(year)}>
            {t('schedule.missing_year.go')}
          </Button>
        }
      />
    );
  } else if (schedule.isError) {
    body = <LoadError error={schedule.error} onRetry={() => void schedule.refetch()} />;
  } else if (!grid) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else if (allRows.length === 0) {
    body = filtered ? (
      <Empty data-testid="schedule-empty" description={t('schedule.empty.filtered')}>
        <Button
          onClick={() =>
            changeFilters(() => {
              setDepartmentId(null);
              setGroupId(null);
              setSearchText('');
              setSearch('');
            })
          }
        >
          {t('schedule.empty.clear_filters')}
        </Button>
      </Empty>
    ) : (
      <Empty data-testid="schedule-empty" description={t('schedule.empty.title', { month: grid.month })}>
        <Typography.Paragraph className="sch-empty-text">{t('schedule.empty.body')}</Typography.Paragraph>
        <Space>
          <Button onClick={() => navigate('people')}>{t('schedule.empty.go_people')}</Button>
          <Button
            type="primary"
            onClick={() => {
              window.location.hash = hashFor('shifts', 'groups');
            }}
          >
            {t('schedule.empty.go_groups')}
          </Button>
        </Space>
      </Empty>
    );
  } else {
    body = (
      <>
        {palette}
        <div className="sch-status" aria-live="polite">
          {noSelection
            ? t('schedule.selection_none')
            : t('schedule.selection_summary', { cells: cells.length, people: people.length })}
          {rows.length === 0 && <span className="sch-status-warn">{t('schedule.empty.filter_rows')}</span>}
        </div>
        <ScheduleGrid
          days={days}
          rows={rows}
          chips={chips}
          chipStyles={chipStyles}
          selection={selection}
          onSelect={setSelection}
          titleOf={titleOf}
          dayTitleOf={dayTitleOf}
          containerRef={containerRef}
          label={t('schedule.grid_label', { month: grid.month })}
        />
        <div className="sch-legend">
          <span className="sch-legend-item">
            <span className="sch-cell sch-cell--entry sch-cell--work sch-legend-swatch" style={{ '--chip': '#1677ff' } as CSSProperties}>
              {t('schedule.legend.sample')}
            </span>
            {t('schedule.legend.entry')}
          </span>
          <span className="sch-legend-item">
            <span className="sch-cell sch-cell--pattern sch-cell--work sch-legend-swatch" style={{ '--chip': '#1677ff' } as CSSProperties}>
              {t('schedule.legend.sample')}
            </span>
            {t('schedule.legend.pattern')}
          </span>
          <span className="sch-legend-item">
            <span className="sch-cell sch-src--holiday sch-cell--pattern sch-cell--off sch-legend-swatch">
              {t('schedule.marks.rest')}
              <span className="sch-mark">{t('schedule.marks.holiday')}</span>
            </span>
            {t('schedule.legend.holiday')}
          </span>
          <span className="sch-legend-item">
            <span className="sch-cell sch-src--unscheduled sch-legend-swatch" />
            {t('schedule.legend.unscheduled')}
          </span>
          <span className="sch-legend-item">
            <span className="sch-cell sch-src--no_group sch-legend-swatch" />
            {t('schedule.legend.no_group')}
          </span>
          <span className="sch-legend-item">
            <span className="sch-cell sch-src--off_books sch-legend-swatch" />
            {t('schedule.legend.off_books')}
          </span>
          <span className="sch-legend-item">
            <span className="sch-cell sch-cell--conflict sch-legend-swatch" />
            {t('schedule.legend.conflict')}
          </span>
          <span className="sch-keys">{t('schedule.keys')}</span>
        </div>
      </>
    );
  }

  return (
    <div className="sch-tab" data-testid="schedule-tab" onKeyDown={onKeyDown}>
      {toolbar}
      {stale && <div className="sch-loading">{t('schedule.loading_month', { month })}</div>}
      {body}
      {dialog === 'fill' && grid && (
        <FillRotationDialog
          rotations={rotations.data ?? []}
          rotationsLoading={rotations.isPending}
          colorOfCode={colorOfCode}
          people={people}
          defaultFrom={fillRange.from}
          defaultTo={fillRange.to}
          pending={edit.isPending}
          onRun={async (request) => {
            if (await runEdit(request)) setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'copy' && grid && (
        <CopyWeekDialog
          weeks={weeks}
          defaultWeek={defaultWeek}
          people={people}
          pending={edit.isPending}
          onRun={async (request) => {
            if (await runEdit(request)) setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
