// 排班 grid model, pure: months and weeks, row windowing (virtual scrolling), rectangle selections → cells,
// the 调班 pair, rotation previews, the undo stack, cell colours and words.
import type { RotationDto } from '../bindings/RotationDto';
import type { ScheduleCellDto } from '../bindings/ScheduleCellDto';
import type { ScheduleCellRef } from '../bindings/ScheduleCellRef';
import type { ScheduleCellWrite } from '../bindings/ScheduleCellWrite';
import type { ScheduleDayDto } from '../bindings/ScheduleDayDto';
import type { ScheduleEdit } from '../bindings/ScheduleEdit';
import type { ScheduleRowDto } from '../bindings/ScheduleRowDto';
import type { TimetableChipDto } from '../bindings/TimetableChipDto';

/** Height of a grid row in pixels (fixed: the windowing depends on it; schedule.css uses the same). */
export const ROW_HEIGHT = 32;
/** Height of the sticky day header (schedule.css uses the same). */
export const HEADER_HEIGHT = 44;
/** Width of a day column and of the sticky left block (schedule.css uses the same). */
export const CELL_WIDTH = 38;
export const LEFT_WIDTH = 264;
/** Rows rendered above and below the visible ones. */
export const OVERSCAN = 8;
/** Viewport height assumed before the container was measured (and in jsdom, which has no layout). */
export const DEFAULT_VIEWPORT_HEIGHT = 600;
/** How many edits 撤销 can take back. */
export const UNDO_LIMIT = 50;
/** A rest day in a rotation (as the rotations store it). */
export const REST_CODE = '休';

// ---------------------------------------------------------------------------------------------
// Dates ('YYYY-MM-DD', 'YYYY-MM'), computed in UTC so the local time zone never shifts a day.

const DAY_MS = 86_400_000;

function parseDate(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return formatDate(parseDate(iso) + days * DAY_MS);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parseDate(b) - parseDate(a)) / DAY_MS);
}

/** Monday = 1 … Sunday = 7. */
export function weekdayOf(iso: string): number {
  const day = new Date(parseDate(iso)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the week of a date. */
export function mondayOf(iso: string): string {
  return addDays(iso, 1 - weekdayOf(iso));
}

/** The month of a local Date as 'YYYY-MM'. */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** 'YYYY-MM' moved by whole months. */
export function shiftMonth(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first and last date of a month. */
export function monthBounds(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  return { from, to: addDays(`${shiftMonth(month, 1)}-01`, -1) };
}

export interface WeekChoice {
  /** 1 for the week holding the 1st. */
  index: number;
  monday: string;
  sunday: string;
}

/** The Monday–Sunday weeks touching the month's days, in order. */
export function monthWeeks(days: readonly Pick<ScheduleDayDto, 'date'>[]): WeekChoice[] {
  if (days.length === 0) return [];
  const weeks: WeekChoice[] = [];
  const last = days[days.length - 1].date;
  for (let monday = mondayOf(days[0].date); monday <= last; monday = addDays(monday, 7)) {
    weeks.push({ index: weeks.length + 1, monday, sunday: addDays(monday, 6) });
  }
  return weeks;
}

// ---------------------------------------------------------------------------------------------
// Windowing: which rows to render.

export interface RowWindow {
  /** First rendered row. */
  start: number;
  /** One past the last rendered row. */
  end: number;
}

/**
 * The rows to render for a scroll position: the rows that meet the viewport, plus `overscan`
 * on each side. `offset` is how far down the container the first row starts (the sticky header).
 */
export function visibleRows({
  scrollTop,
  viewportHeight,
  rowHeight,
  rowCount,
  overscan,
  offset = 0,
}: {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  overscan: number;
  offset?: number;
}): RowWindow {
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop - offset);
  const bottom = Math.max(top, scrollTop - offset + Math.max(0, viewportHeight));
  const first = Math.min(rowCount - 1, Math.floor(top / rowHeight));
  const last = Math.min(rowCount, Math.ceil(bottom / rowHeight));
  return { start: Math.max(0, first - overscan), end: Math.min(rowCount, Math.max(last, first + 1) + overscan) };
}

/** The scroll position that brings a row fully into view (unchanged when it already is). */
export function scrollTopFor(row: number, scrollTop: number, viewportHeight: number, rowHeight: number, offset: number): number {
  const rowTop = row * rowHeight; // relative to the body
  const visibleTop = scrollTop; // body top is hidden under the header by `offset`
  const visibleBottom = scrollTop + viewportHeight - offset;
  if (rowTop < visibleTop) return rowTop;
  if (rowTop + rowHeight > visibleBottom) return rowTop + rowHeight - (viewportHeight - offset);
  return scrollTop;
}

/** The horizontal scroll position that brings a day column into view beside the sticky left block. */
export function scrollLeftFor(day: number, scrollLeft: number, viewportWidth: number, cellWidth: number, leftWidth: number): number {
  const cellLeft = day * cellWidth;
  const visibleWidth = viewportWidth - leftWidth;
  if (cellLeft < scrollLeft) return cellLeft;
  if (cellLeft + cellWidth > scrollLeft + visibleWidth) return cellLeft + cellWidth - visibleWidth;
  return scrollLeft;
}

// ---------------------------------------------------------------------------------------------
// Selection: a list of rectangles (the last one is the active one, Shift extends it).

export interface CellPos {
  row: number;
  day: number;
}

export interface SelectionRange {
  anchor: CellPos;
  focus: CellPos;
}

export type Selection = readonly SelectionRange[];

export interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function rectOf(range: SelectionRange): Rect {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.day, range.focus.day),
    right: Math.max(range.anchor.day, range.focus.day),
  };
}

/** A single cell. */
export function selectCell(pos: CellPos): Selection {
  return [{ anchor: pos, focus: pos }];
}

/** The active rectangle stretched to `pos` (Shift+click, drag, Shift+arrows). */
export function extendTo(selection: Selection, pos: CellPos): Selection {
  if (selection.length === 0) return selectCell(pos);
  const last = selection[selection.length - 1];
  return [...selection.slice(0, -1), { anchor: last.anchor, focus: pos }];
}

/** One more single cell besides what is selected (Ctrl+click), or that cell taken out when it is one on its own. */
export function toggleCell(selection: Selection, pos: CellPos): Selection {
  const alone = selection.findIndex(
    (r) => r.anchor.row === pos.row && r.anchor.day === pos.day && r.focus.row === pos.row && r.focus.day === pos.day,
  );
  if (alone >= 0) return selection.filter((_, i) => i !== alone);
  return [...selection, { anchor: pos, focus: pos }];
}

/** A person's whole month (row header click); with `extend`, every row from the active range's anchor. */
export function selectRows(selection: Selection, row: number, dayCount: number, extend: boolean): Selection {
  const last = selection[selection.length - 1];
  const anchorRow = extend && last ? last.anchor.row : row;
  return [{ anchor: { row: anchorRow, day: 0 }, focus: { row, day: dayCount - 1 } }];
}

/** A day for every row (day header click); with `extend`, every day from the active range's anchor. */
export function selectDays(selection: Selection, day: number, rowCount: number, extend: boolean): Selection {
  const last = selection[selection.length - 1];
  const anchorDay = extend && last ? last.anchor.day : day;
  return [{ anchor: { row: 0, day: anchorDay }, focus: { row: rowCount - 1, day } }];
}

export function selectAll(rowCount: number, dayCount: number): Selection {
  if (rowCount === 0 || dayCount === 0) return [];
  return [{ anchor: { row: 0, day: 0 }, focus: { row: rowCount - 1, day: dayCount - 1 } }];
}

/** The focus cell moved by the arrow keys: a new single cell, or (Shift) the active rectangle stretched. */
export function moveFocus(
  selection: Selection,
  deltaRow: number,
  deltaDay: number,
  extend: boolean,
  rowCount: number,
  dayCount: number,
): Selection {
  if (rowCount === 0 || dayCount === 0) return selection;
  const last = selection[selection.length - 1];
  const from = last?.focus ?? { row: 0, day: 0 };
  const to = {
    row: Math.min(rowCount - 1, Math.max(0, from.row + (last ? deltaRow : 0))),
    day: Math.min(dayCount - 1, Math.max(0, from.day + (last ? deltaDay : 0))),
  };
  return extend ? extendTo(selection, to) : selectCell(to);
}

export function focusOf(selection: Selection): CellPos | null {
  return selection.length === 0 ? null : selection[selection.length - 1].focus;
}

export function isSelected(selection: Selection, row: number, day: number): boolean {
  return selection.some((range) => {
    const r = rectOf(range);
    return row >= r.top && row <= r.bottom && day >= r.left && day <= r.right;
  });
}

/** The selected days of one row as a bit mask (bit d = day d); months have at most 31 days. */
export function rowMask(selection: Selection, row: number): number {
  let mask = 0;
  for (const range of selection) {
    const r = rectOf(range);
    if (row < r.top || row > r.bottom) continue;
    for (let d = r.left; d <= r.right && d < 31; d += 1) mask |= 1 << d;
  }
  return mask;
}

/** Whether a cell can be selected and edited: not before hire or after leaving. */
export function isEditable(cell: Pick<ScheduleCellDto, 'source'> | undefined): boolean {
  return cell !== undefined && cell.source !== 'off_books';
}

export interface SelectedCell {
  row: number;
  day: number;
  ref: ScheduleCellRef;
}

/** The selected editable cells, each once, in row order then day order. */
export function selectedCells(
  selection: Selection,
  rows: readonly ScheduleRowDto[],
  days: readonly Pick<ScheduleDayDto, 'date'>[],
): SelectedCell[] {
  if (selection.length === 0 || rows.length === 0 || days.length === 0) return [];
  const rects = selection.map(rectOf);
  const top = Math.max(0, Math.min(...rects.map((r) => r.top)));
  const bottom = Math.min(rows.length - 1, Math.max(...rects.map((r) => r.bottom)));
  const out: SelectedCell[] = [];
  for (let row = top; row <= bottom; row += 1) {
    const person = rows[row];
    for (let day = 0; day < days.length; day += 1) {
      if (!rects.some((r) => row >= r.top && row <= r.bottom && day >= r.left && day <= r.right)) continue;
      if (!isEditable(person.cells[day])) continue;
      out.push({ row, day, ref: { employee_id: person.employee_id, date: days[day].date } });
    }
  }
  return out;
}

/** The people with a selected editable cell, in row order. */
export function selectedPeople(cells: readonly SelectedCell[], rows: readonly ScheduleRowDto[]): ScheduleRowDto[] {
  const seen = new Set<number>();
  const out: ScheduleRowDto[] = [];
  for (const cell of cells) {
    if (seen.has(cell.row)) continue;
    seen.add(cell.row);
    out.push(rows[cell.row]);
  }
  return out;
}

/** The first and last selected date. */
export function selectedDateSpan(cells: readonly SelectedCell[]): { from: string; to: string } | null {
  if (cells.length === 0) return null;
  let from = cells[0].ref.date;
  let to = from;
  for (const cell of cells) {
    if (cell.ref.date < from) from = cell.ref.date;
    if (cell.ref.date > to) to = cell.ref.date;
  }
  return { from, to };
}

/** The two cells 调班 swaps: exactly two selected, of two people on one day or of one person on two days. */
export function swapPair(cells: readonly SelectedCell[]): [ScheduleCellRef, ScheduleCellRef] | null {
  if (cells.length !== 2) return null;
  const [a, b] = cells;
  return a.row === b.row || a.day === b.day ? [a.ref, b.ref] : null;
}

// ---------------------------------------------------------------------------------------------
// Row filters and conflicts.

export type RowFilter = 'all' | 'conflicts' | 'unscheduled';

export function rowHasConflict(row: ScheduleRowDto): boolean {
  return row.cells.some((cell) => cell.conflicts.length > 0);
}

export function rowHasUnscheduled(row: ScheduleRowDto): boolean {
  return row.cells.some((cell) => cell.source === 'unscheduled');
}

export function filterRows(rows: readonly ScheduleRowDto[], filter: RowFilter): readonly ScheduleRowDto[] {
  if (filter === 'conflicts') return rows.filter(rowHasConflict);
  if (filter === 'unscheduled') return rows.filter(rowHasUnscheduled);
  return rows;
}

/** The first cell (row order, then day order) matching a test. */
export function firstCell(rows: readonly ScheduleRowDto[], test: (cell: ScheduleCellDto) => boolean): CellPos | null {
  for (let row = 0; row < rows.length; row += 1) {
    const day = rows[row].cells.findIndex(test);
    if (day >= 0) return { row, day };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Rotations.

/** The rotation's code (a timetable code or 休) on a date, for a cycle whose day 1 falls on `anchor`. */
export function rotationCodeOn(days: readonly string[], anchor: string, date: string): string {
  if (days.length === 0) return '';
  const n = days.length;
  const index = ((daysBetween(anchor, date) % n) + n) % n;
  return days[index] || REST_CODE;
}

export interface PreviewDay {
  date: string;
  weekday: number;
  code: string;
}

/**
 * What fill_rotation writes for the person at `personIndex` of the list, from `from` on (at most
 * `count` days and never past `to`): person i starts `offset` × i days later, as the backend does.
 */
export function rotationPreview({
  rotation,
  anchor,
  from,
  to,
  offset,
  personIndex = 0,
  count = 14,
}: {
  rotation: Pick<RotationDto, 'days'>;
  anchor: string;
  from: string;
  to?: string;
  offset: number;
  personIndex?: number;
  count?: number;
}): PreviewDay[] {
  const start = addDays(anchor, offset * personIndex);
  const out: PreviewDay[] = [];
  for (let i = 0; i < count; i += 1) {
    const date = addDays(from, i);
    if (to !== undefined && date > to) break;
    out.push({ date, weekday: weekdayOf(date), code: rotationCodeOn(rotation.days, start, date) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Undo.

export interface UndoEntry {
  /** What the edit replaced: sending it back as `restore` undoes the edit. */
  cells: ScheduleCellWrite[];
  changed: number;
}

/** The stack with one more edit on top (nothing to undo is not kept); the oldest fall off past `limit`. */
export function pushUndo(stack: readonly UndoEntry[], entry: UndoEntry, limit = UNDO_LIMIT): UndoEntry[] {
  if (entry.cells.length === 0) return [...stack];
  const next = [...stack, entry];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/** The top edit and the stack without it. */
export function popUndo(stack: readonly UndoEntry[]): { entry: UndoEntry; rest: UndoEntry[] } | null {
  if (stack.length === 0) return null;
  return { entry: stack[stack.length - 1], rest: stack.slice(0, -1) };
}

export function restoreEdit(entry: UndoEntry): ScheduleEdit {
  return { kind: 'restore', cells: entry.cells };
}

// ---------------------------------------------------------------------------------------------
// Colours and words of cells.

/** Colours for timetables without one of their own (antd's palette). */
export const FALLBACK_COLORS = [
  '#1677ff',
  '#52c41a',
  '#fa8c16',
  '#722ed1',
  '#13c2c2',
  '#eb2f96',
  '#2f54eb',
  '#a0d911',
  '#faad14',
  '#f5222d',
] as const;

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** A timetable's colour: its own when it is a #hex colour, else one of the palette by its place in the list. */
export function chipColor(chip: Pick<TimetableChipDto, 'color'>, index: number): string {
  const own = chip.color?.trim() ?? '';
  return HEX_COLOR.test(own) ? own : FALLBACK_COLORS[((index % FALLBACK_COLORS.length) + FALLBACK_COLORS.length) % FALLBACK_COLORS.length];
}

/** Sources that are entries of the grid itself (painted, filled from a rotation, swapped). */
export const ENTRY_SOURCES = ['paint', 'rotation', 'swap'] as const;

export function isEntry(source: string): boolean {
  return (ENTRY_SOURCES as readonly string[]).includes(source);
}

/** The text shown in a cell: the timetable's code, 休 for a day off, nothing where nothing is planned. */
export function cellCode(cell: ScheduleCellDto, chips: ReadonlyMap<number, TimetableChipDto>, rest = REST_CODE): string {
  if (cell.timetable_id !== null) return chips.get(cell.timetable_id)?.code ?? '?';
  if (isEntry(cell.source) || cell.source === 'week' || cell.source === 'holiday' || cell.source === 'make_up') {
    return rest;
  }
  return '';
}

/** The CSS classes of a cell by source, timetable and conflicts (selection and focus are added by the grid). */
export function cellClass(cell: ScheduleCellDto): string {
  const names = ['sch-cell', `sch-src--${cell.source}`];
  if (isEntry(cell.source)) names.push('sch-cell--entry');
  else if (cell.source === 'week' || cell.source === 'holiday' || cell.source === 'make_up') names.push('sch-cell--pattern');
  names.push(cell.timetable_id === null ? 'sch-cell--off' : 'sch-cell--work');
  if (cell.conflicts.length > 0) names.push('sch-cell--conflict');
  return names.join(' ');
}
