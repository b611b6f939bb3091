// The 排班 month grid: one scroll container with a sticky day header and sticky person columns, only the
// visible rows rendered (fixed row height), plain <div> cells with native `title` tooltips, and one set of
// pointer handlers on the container that finds the cell through data-row / data-day.
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleDayDto } from '../bindings/ScheduleDayDto';
import type { ScheduleRowDto } from '../bindings/ScheduleRowDto';
import type { TimetableChipDto } from '../bindings/TimetableChipDto';
import {
  CELL_WIDTH,
  DEFAULT_VIEWPORT_HEIGHT,
  extendTo,
  focusOf,
  HEADER_HEIGHT,
  isEditable,
  LEFT_WIDTH,
  OVERSCAN,
  ROW_HEIGHT,
  rowMask,
  scrollLeftFor,
  scrollTopFor,
  selectAll,
  selectCell,
  selectDays,
  selectRows,
  cellClass,
  cellCode,
  toggleCell,
  visibleRows,
  type CellPos,
  type Selection,
} from './model';

export type SelectionUpdate = Selection | ((previous: Selection) => Selection);

/** Brings a cell into view inside the grid's scroll container (keyboard moves, the jump to a conflict). */
export function scrollCellIntoView(container: HTMLElement | null, pos: CellPos): void {
  if (!container) return;
  const height = container.clientHeight || DEFAULT_VIEWPORT_HEIGHT;
  const top = scrollTopFor(pos.row, container.scrollTop, height, ROW_HEIGHT, HEADER_HEIGHT);
  if (top !== container.scrollTop) container.scrollTop = top;
  if (container.clientWidth > 0) {
    const left = scrollLeftFor(pos.day, container.scrollLeft, container.clientWidth, CELL_WIDTH, LEFT_WIDTH);
    if (left !== container.scrollLeft) container.scrollLeft = left;
  }
}

/** What the grid needs to write a cell's tooltip (built once per language and month). */
export type CellTitle = (row: ScheduleRowDto, day: number) => string;

interface RowProps {
  row: ScheduleRowDto;
  index: number;
  days: readonly ScheduleDayDto[];
  /** Selected days of this row as bits. */
  mask: number;
  /** The focus cell's day when it is in this row, else -1. */
  focusDay: number;
  chips: ReadonlyMap<number, TimetableChipDto>;
  chipStyles: ReadonlyMap<number, CSSProperties>;
  titleOf: CellTitle;
  noGroup: string;
  holidayMark: string;
  makeUpMark: string;
  restMark: string;
}

/** One person's month; re-renders only when the row, its selection or its focus changes. */
const GridRow = memo(function GridRow({
  row,
  index,
  days,
  mask,
  focusDay,
  chips,
  chipStyles,
  titleOf,
  noGroup,
  holidayMark,
  makeUpMark,
  restMark,
}: RowProps) {
  const full = days.length > 0 && mask === 2 ** days.length - 1;
  return (
    <div className={mask !== 0 ? 'sch-row sch-row--has-sel' : 'sch-row'} data-row={index} role="row">
      <div
        className={full ? 'sch-head-cell sch-row-head sch-row-head--sel' : 'sch-head-cell sch-row-head'}
        data-row-head=""
        data-testid={`schedule-row-${row.employee_no}`}
        role="rowheader"
        title={`${row.employee_no} ${row.name}\n${row.department_path}\n${row.group_name ?? noGroup}`}
      >
        <span className="sch-col-no">{row.employee_no}</span>
        <span className="sch-col-name">{row.name}</span>
        <span className="sch-col-where">
          <span className="sch-col-dept">{row.department_path}</span>
          <span className={row.group_name === null ? 'sch-col-group sch-col-group--none' : 'sch-col-group'}>
            {row.group_name ?? noGroup}
          </span>
        </span>
      </div>
      {days.map((day, d) => {
        const cell = row.cells[d];
        if (!cell) return <div key={day.date} className="sch-cell sch-src--off_books" data-day={d} />;
        let className = cellClass(cell);
        if (mask & (1 << d)) className += ' sch-cell--sel';
        if (focusDay === d) className += ' sch-cell--focus';
        const code = cellCode(cell, chips, restMark);
        const mark = cell.source === 'holiday' ? holidayMark : cell.source === 'make_up' ? makeUpMark : '';
        return (
          <div
            key={day.date}
            className={className}
            role="gridcell"
            aria-selected={(mask & (1 << d)) !== 0}
            data-day={d}
            data-testid={`schedule-cell-${row.employee_no}-${day.date}`}
            data-source={cell.source}
            data-timetable={cell.timetable_id === null ? '' : (chips.get(cell.timetable_id)?.code ?? '')}
            data-conflict={cell.conflicts.length > 0 ? '1' : undefined}
            title={titleOf(row, d)}
            style={cell.timetable_id === null ? undefined : chipStyles.get(cell.timetable_id)}
          >
            {code}
            {mark && <span className="sch-mark">{mark}</span>}
          </div>
        );
      })}
    </div>
  );
});

export interface ScheduleGridProps {
  days: readonly ScheduleDayDto[];
  rows: readonly ScheduleRowDto[];
  chips: ReadonlyMap<number, TimetableChipDto>;
  chipStyles: ReadonlyMap<number, CSSProperties>;
  selection: Selection;
  onSelect: (update: SelectionUpdate) => void;
  titleOf: CellTitle;
  dayTitleOf: (day: ScheduleDayDto) => string;
  containerRef: RefObject<HTMLDivElement | null>;
  label: string;
}

const sameCell = (a: CellPos | null, b: CellPos) => a !== null && a.row === b.row && a.day === b.day;

export const ScheduleGrid = memo(function ScheduleGrid({
  days,
  rows,
  chips,
  chipStyles,
  selection,
  onSelect,
  titleOf,
  dayTitleOf,
  containerRef,
  label,
}: ScheduleGridProps) {
  const { t } = useTranslation();
  const [viewport, setViewport] = useState({ top: 0, height: DEFAULT_VIEWPORT_HEIGHT });
  const dragging = useRef<CellPos | null>(null);

  const measure = useCallback(() => {
    const el = containerRef.current;
    if (!el) return;
    const height = el.clientHeight || DEFAULT_VIEWPORT_HEIGHT;
    setViewport((old) => (old.top === el.scrollTop && old.height === height ? old : { top: el.scrollTop, height }));
  }, [containerRef]);

  useLayoutEffect(() => {
    measure();
    const el = containerRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [containerRef, measure]);

  // A drag ends wherever the button is released, also outside the grid.
  useEffect(() => {
    const stop = () => {
      dragging.current = null;
    };
    window.addEventListener('pointerup', stop);
    window.addEventListener('pointercancel', stop);
    return () => {
      window.removeEventListener('pointerup', stop);
      window.removeEventListener('pointercancel', stop);
    };
  }, []);

  const windowed = visibleRows({
    scrollTop: viewport.top,
    viewportHeight: viewport.height,
    rowHeight: ROW_HEIGHT,
    rowCount: rows.length,
    overscan: OVERSCAN,
    offset: HEADER_HEIGHT,
  });

  const cellAt = (target: EventTarget | null): CellPos | null => {
    if (!(target instanceof Element)) return null;
    const cellEl = target.closest<HTMLElement>('[data-day]');
    const rowEl = target.closest<HTMLElement>('[data-row]');
    if (!cellEl || !rowEl) return null;
    const row = Number(rowEl.dataset.row);
    const day = Number(cellEl.dataset.day);
    return Number.isInteger(row) && Number.isInteger(day) ? { row, day } : null;
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    const target = event.target as Element;
    const extend = event.shiftKey;
    const add = event.ctrlKey || event.metaKey;
    const dayHead = target.closest<HTMLElement>('[data-day-head]');
    const container = containerRef.current;
    let handled = true;
    if (target.closest('[data-corner]')) {
      onSelect(selectAll(rows.length, days.length));
    } else if (dayHead) {
      const day = Number(dayHead.dataset.dayHead);
      if (rows.length > 0) onSelect((previous) => selectDays(previous, day, rows.length, extend));
    } else if (target.closest('[data-row-head]')) {
      const rowEl = target.closest<HTMLElement>('[data-row]');
      const row = Number(rowEl?.dataset.row);
      if (Number.isInteger(row)) onSelect((previous) => selectRows(previous, row, days.length, extend));
    } else {
      const pos = cellAt(target);
      if (pos && isEditable(rows[pos.row]?.cells[pos.day])) {
        if (extend) onSelect((previous) => extendTo(previous, pos));
        else if (add) onSelect((previous) => toggleCell(previous, pos));
        else {
          onSelect(selectCell(pos));
          dragging.current = pos;
        }
      } else {
        handled = false;
      }
    }
    if (handled) {
      // No text selection while dragging; keep the keyboard on the grid.
      event.preventDefault();
      container?.focus({ preventScroll: true });
    }
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const pos = cellAt(event.target);
    if (!pos || sameCell(dragging.current, pos)) return;
    dragging.current = pos;
    onSelect((previous) => extendTo(previous, pos));
  };

  const onPointerUp = () => {
    dragging.current = null;
  };

  const focus = focusOf(selection);
  const holidayMark = t('schedule.marks.holiday');
  const makeUpMark = t('schedule.marks.make_up');
  const restMark = t('schedule.marks.rest');
  const noGroup = t('schedule.no_group');
  const rendered: ReactNode[] = [];
  for (let index = windowed.start; index < windowed.end; index += 1) {
    const row = rows[index];
    rendered.push(
      <GridRow
        key={row.employee_id}
        row={row}
        index={index}
        days={days}
        mask={rowMask(selection, index)}
        focusDay={focus && focus.row === index ? focus.day : -1}
        chips={chips}
        chipStyles={chipStyles}
        titleOf={titleOf}
        noGroup={noGroup}
        holidayMark={holidayMark}
        makeUpMark={makeUpMark}
        restMark={restMark}
      />,
    );
  }

  const selectedDays = useMemo(() => {
    const set = new Set<number>();
    if (rows.length === 0) return set;
    for (const range of selection) {
      const top = Math.min(range.anchor.row, range.focus.row);
      const bottom = Math.max(range.anchor.row, range.focus.row);
      if (top > 0 || bottom < rows.length - 1) continue;
      const left = Math.min(range.anchor.day, range.focus.day);
      const right = Math.max(range.anchor.day, range.focus.day);
      for (let d = left; d <= right; d += 1) set.add(d);
    }
    return set;
  }, [selection, rows.length]);

  return (
    <div
      ref={containerRef}
      className="sch-grid"
      data-testid="schedule-grid"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-multiselectable
      tabIndex={0}
      onScroll={measure}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
    >
      <div className="sch-inner">
        <div className="sch-header" role="row">
          <div className="sch-head-cell sch-corner" data-corner="" role="columnheader" title={t('schedule.select_all_hint')}>
            <span className="sch-col-no">{t('schedule.columns.employee_no')}</span>
            <span className="sch-col-name">{t('schedule.columns.name')}</span>
            <span className="sch-col-where">{t('schedule.columns.where')}</span>
          </div>
          {days.map((day, d) => (
            <div
              key={day.date}
              className={`sch-day sch-day--${day.class}${selectedDays.has(d) ? ' sch-day--sel' : ''}${focus?.day === d ? ' sch-day--focus' : ''}`}
              role="columnheader"
              data-day-head={d}
              data-class={day.class}
              data-testid={`schedule-day-${day.date}`}
              title={dayTitleOf(day)}
            >
              <span className="sch-day-num">{Number(day.date.slice(8, 10))}</span>
              <span className="sch-day-week">
                {t(`schedule.weekdays.${day.weekday}`)}
                {day.class === 'make_up_workday' && <span className="sch-day-tag">{t('schedule.marks.make_up')}</span>}
                {day.class === 'statutory' && day.festival && <span className="sch-day-dot" aria-hidden="true" />}
              </span>
            </div>
          ))}
        </div>
        <div className="sch-spacer" style={{ height: windowed.start * ROW_HEIGHT }} />
        {rendered}
        <div className="sch-spacer" style={{ height: (rows.length - windowed.end) * ROW_HEIGHT }} />
      </div>
    </div>
  );
});
