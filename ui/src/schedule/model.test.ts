// Unit tests of the 排班 grid model: dates and weeks, windowing, selections → cells, 调班 pairs, rotation previews, undo.
import { describe, expect, it } from 'vitest';
import { scheduleOctober, scheduleRotations } from '../test/fixtures';
import {
  addDays,
  cellClass,
  cellCode,
  chipColor,
  daysBetween,
  extendTo,
  FALLBACK_COLORS,
  filterRows,
  firstCell,
  mondayOf,
  monthBounds,
  monthWeeks,
  moveFocus,
  popUndo,
  pushUndo,
  restoreEdit,
  rotationCodeOn,
  rotationPreview,
  rowMask,
  scrollLeftFor,
  scrollTopFor,
  selectAll,
  selectCell,
  selectDays,
  selectedCells,
  selectedDateSpan,
  selectedPeople,
  selectRows,
  shiftMonth,
  swapPair,
  toggleCell,
  visibleRows,
  weekdayOf,
  type UndoEntry,
} from './model';

const grid = scheduleOctober();
const refs = (cells: ReturnType<typeof selectedCells>) => cells.map((c) => `${c.ref.employee_id}@${c.ref.date}`);

describe('dates', () => {
  it('moves months across years', () => {
    expect(shiftMonth('2026-10', 1)).toBe('2026-11');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-03', -14)).toBe('2025-01');
  });

  it('knows month bounds, weekdays and Mondays', () => {
    expect(monthBounds('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(weekdayOf('2026-10-01')).toBe(4);
    expect(weekdayOf('2026-10-04')).toBe(7);
    expect(mondayOf('2026-10-04')).toBe('2026-09-28');
    expect(mondayOf('2026-10-05')).toBe('2026-10-05');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-10-10', '2026-10-01')).toBe(-9);
  });

  it('lists the Monday–Sunday weeks touching a month', () => {
    const weeks = monthWeeks(grid.days);
    expect(weeks.map((w) => `${w.index}:${w.monday}~${w.sunday}`)).toEqual([
      '1:2026-09-28~2026-10-04',
      '2:2026-10-05~2026-10-11',
      '3:2026-10-12~2026-10-18',
      '4:2026-10-19~2026-10-25',
      '5:2026-10-26~2026-11-01',
    ]);
    expect(monthWeeks([])).toEqual([]);
  });
});

describe('visibleRows (windowing)', () => {
  it('renders the rows meeting the viewport plus overscan', () => {
    // 600 px below a 44 px header with 32 px rows: rows 0..17 meet it.
    expect(visibleRows({ scrollTop: 0, viewportHeight: 600, rowHeight: 32, rowCount: 500, overscan: 8, offset: 44 })).toEqual({
      start: 0,
      end: 26,
    });
    // Scrolled to 3200 px: rows 98 (3156 / 32) … 117, plus 8 either side.
    expect(visibleRows({ scrollTop: 3200, viewportHeight: 600, rowHeight: 32, rowCount: 500, overscan: 8, offset: 44 })).toEqual({
      start: 90,
      end: 126,
    });
  });

  it('stays inside the rows at both ends', () => {
    expect(visibleRows({ scrollTop: 99_999, viewportHeight: 600, rowHeight: 32, rowCount: 500, overscan: 8 })).toEqual({
      start: 491,
      end: 500,
    });
    expect(visibleRows({ scrollTop: 0, viewportHeight: 600, rowHeight: 32, rowCount: 3, overscan: 8 })).toEqual({ start: 0, end: 3 });
    expect(visibleRows({ scrollTop: 0, viewportHeight: 600, rowHeight: 32, rowCount: 0, overscan: 8 })).toEqual({ start: 0, end: 0 });
    // No measured height yet: still at least one row.
    expect(visibleRows({ scrollTop: 320, viewportHeight: 0, rowHeight: 32, rowCount: 100, overscan: 0 })).toEqual({ start: 10, end: 11 });
  });

  it('scrolls a row or a day into view only when needed', () => {
    // Row 0 is visible at the top; row 30 (960–992 px) is below a 600 px viewport with a 44 px header.
    expect(scrollTopFor(0, 0, 600, 32, 44)).toBe(0);
    expect(scrollTopFor(30, 0, 600, 32, 44)).toBe(992 + 44 - 600);
    expect(scrollTopFor(2, 500, 600, 32, 44)).toBe(64);
    expect(scrollTopFor(20, 500, 600, 32, 44)).toBe(500);
    expect(scrollLeftFor(0, 0, 800, 38, 264)).toBe(0);
    expect(scrollLeftFor(20, 0, 800, 38, 264)).toBe(21 * 38 - (800 - 264));
    expect(scrollLeftFor(2, 300, 800, 38, 264)).toBe(76);
  });
});

describe('selection', () => {
  it('turns a rectangle into cells in row order, then day order, skipping days off the books', () => {
    // Dragged from 赵六 10-16 up to 李四 10-13: rows 1–3, days 12–15.
    const selection = extendTo(selectCell({ row: 3, day: 15 }), { row: 1, day: 12 });
    expect(refs(selectedCells(selection, grid.rows, grid.days))).toEqual([
      '12@2026-10-13',
      '12@2026-10-14',
      '12@2026-10-15',
      '12@2026-10-16',
      '13@2026-10-13',
      '13@2026-10-14',
      '13@2026-10-15',
      '13@2026-10-16',
      // 赵六 joined on 10-15: 13 and 14 are off the books.
      '14@2026-10-15',
      '14@2026-10-16',
    ]);
  });

  it('merges several rectangles without repeating a cell', () => {
    let selection = selectCell({ row: 0, day: 0 });
    selection = extendTo(selection, { row: 0, day: 2 });
    selection = toggleCell(selection, { row: 0, day: 1 });
    selection = toggleCell(selection, { row: 2, day: 0 });
    expect(refs(selectedCells(selection, grid.rows, grid.days))).toEqual([
      '11@2026-10-01',
      '11@2026-10-02',
      '11@2026-10-03',
      '13@2026-10-01',
    ]);
    // Ctrl+click on a cell that is on its own takes it out again.
    expect(refs(selectedCells(toggleCell(selection, { row: 2, day: 0 }), grid.rows, grid.days))).toHaveLength(3);
  });

  it('selects a whole month, a whole day, everything', () => {
    const month = selectRows([], 1, 31, false);
    expect(selectedCells(month, grid.rows, grid.days)).toHaveLength(31);
    // Shift+click on another row header: every row in between, whole months.
    expect(selectedCells(selectRows(month, 3, 31, true), grid.rows, grid.days)).toHaveLength(31 + 31 + 17);
    const day = selectDays([], 14, 4, false);
    expect(refs(selectedCells(day, grid.rows, grid.days))).toEqual([
      '11@2026-10-15',
      '12@2026-10-15',
      '13@2026-10-15',
      '14@2026-10-15',
    ]);
    expect(selectedCells(selectAll(4, 31), grid.rows, grid.days)).toHaveLength(4 * 31 - 14);
    expect(selectAll(0, 31)).toEqual([]);
  });

  it('moves and stretches the focus with the arrow keys, inside the grid', () => {
    const start = selectCell({ row: 1, day: 5 });
    expect(moveFocus(start, 0, 1, false, 4, 31)).toEqual(selectCell({ row: 1, day: 6 }));
    expect(moveFocus(start, 5, 0, false, 4, 31)).toEqual(selectCell({ row: 3, day: 5 }));
    expect(moveFocus(selectCell({ row: 0, day: 0 }), -1, -1, false, 4, 31)).toEqual(selectCell({ row: 0, day: 0 }));
    const stretched = moveFocus(moveFocus(start, 1, 0, true, 4, 31), 0, 1, true, 4, 31);
    expect(stretched).toEqual([{ anchor: { row: 1, day: 5 }, focus: { row: 2, day: 6 } }]);
    expect(moveFocus([], 1, 1, false, 4, 31)).toEqual(selectCell({ row: 0, day: 0 }));
  });

  it('knows each row’s selected days as bits', () => {
    const selection = extendTo(selectCell({ row: 1, day: 2 }), { row: 2, day: 4 });
    expect(rowMask(selection, 0)).toBe(0);
    expect(rowMask(selection, 1)).toBe(0b11100);
    expect(rowMask(selectRows([], 0, 31, false), 0)).toBe(2 ** 31 - 1);
  });

  it('gives the people and the date span of the selection', () => {
    const cells = selectedCells(extendTo(selectCell({ row: 2, day: 20 }), { row: 0, day: 9 }), grid.rows, grid.days);
    expect(selectedPeople(cells, grid.rows).map((p) => p.name)).toEqual(['张三', '李四', '王五']);
    expect(selectedDateSpan(cells)).toEqual({ from: '2026-10-10', to: '2026-10-21' });
    expect(selectedDateSpan([])).toBeNull();
  });

  it('offers 调班 for two people on one day or one person on two days only', () => {
    const pair = (selection: Parameters<typeof selectedCells>[0]) => swapPair(selectedCells(selection, grid.rows, grid.days));
    expect(pair(extendTo(selectCell({ row: 0, day: 12 }), { row: 1, day: 12 }))).toEqual([
      { employee_id: 11, date: '2026-10-13' },
      { employee_id: 12, date: '2026-10-13' },
    ]);
    expect(pair(toggleCell(selectCell({ row: 1, day: 3 }), { row: 1, day: 20 }))).toEqual([
      { employee_id: 12, date: '2026-10-04' },
      { employee_id: 12, date: '2026-10-21' },
    ]);
    expect(pair(toggleCell(selectCell({ row: 0, day: 3 }), { row: 1, day: 20 }))).toBeNull();
    expect(pair(selectCell({ row: 0, day: 3 }))).toBeNull();
    expect(pair(extendTo(selectCell({ row: 0, day: 0 }), { row: 0, day: 2 }))).toBeNull();
  });
});

describe('rows, conflicts and cells', () => {
  it('filters rows with conflicts or unscheduled days and finds the first conflict', () => {
    expect(filterRows(grid.rows, 'conflicts').map((r) => r.name)).toEqual(['李四']);
    expect(filterRows(grid.rows, 'unscheduled').map((r) => r.name)).toEqual(['李四']);
    expect(filterRows(grid.rows, 'all')).toBe(grid.rows);
    expect(firstCell(grid.rows, (c) => c.conflicts.length > 0)).toEqual({ row: 1, day: 13 });
    expect(firstCell(grid.rows, (c) => c.source === 'nothing')).toBeNull();
  });

  it('writes codes, 休 and classes by source', () => {
    const chips = new Map(grid.timetables.map((c) => [c.id, c]));
    const [zhang, li, wang, zhao] = grid.rows;
    expect(cellCode(zhang.cells[0], chips)).toBe('休'); // 国庆节
    expect(cellClass(zhang.cells[0])).toBe('sch-cell sch-src--holiday sch-cell--pattern sch-cell--off');
    expect(cellCode(zhang.cells[11], chips)).toBe('早');
    expect(cellClass(zhang.cells[11])).toBe('sch-cell sch-src--paint sch-cell--entry sch-cell--work');
    expect(cellCode(li.cells[13], chips)).toBe('早');
    expect(cellClass(li.cells[13])).toContain('sch-cell--conflict');
    expect(cellCode(li.cells[14], chips, 'Off')).toBe('Off');
    expect(cellCode(li.cells[0], chips)).toBe('');
    expect(cellCode(wang.cells[0], chips)).toBe('');
    expect(cellClass(zhao.cells[0])).toBe('sch-cell sch-src--off_books sch-cell--off');
  });

  it('colours timetables by their own colour or the palette', () => {
    expect(chipColor({ color: '#722ed1' }, 3)).toBe('#722ed1');
    expect(chipColor({ color: null }, 2)).toBe(FALLBACK_COLORS[2]);
    expect(chipColor({ color: 'red; background: url(x)' }, 12)).toBe(FALLBACK_COLORS[2]);
  });
});

describe('rotation preview', () => {
  const [threeShift] = scheduleRotations;

  it('counts the cycle from the anchor, also backwards', () => {
    expect(rotationCodeOn(threeShift.days, '2026-10-01', '2026-10-01')).toBe('早');
    expect(rotationCodeOn(threeShift.days, '2026-10-01', '2026-10-05')).toBe('夜');
    expect(rotationCodeOn(threeShift.days, '2026-10-01', '2026-10-09')).toBe('早');
    expect(rotationCodeOn(threeShift.days, '2026-10-03', '2026-10-01')).toBe('休');
  });

  it('previews the first two weeks, each next person starting later', () => {
    const first = rotationPreview({ rotation: threeShift, anchor: '2026-10-01', from: '2026-10-01', offset: 2 });
    expect(first).toHaveLength(14);
    expect(first.map((d) => d.code).join('')).toBe('早早中中夜夜休休早早中中夜夜');
    expect(first[0]).toEqual({ date: '2026-10-01', weekday: 4, code: '早' });
    const second = rotationPreview({ rotation: threeShift, anchor: '2026-10-01', from: '2026-10-01', offset: 2, personIndex: 1 });
    expect(second.map((d) => d.code).join('')).toBe('休休早早中中夜夜休休早早中中');
    // Never past the end date.
    expect(rotationPreview({ rotation: threeShift, anchor: '2026-10-01', from: '2026-10-28', to: '2026-10-31', offset: 0 })).toHaveLength(4);
  });
});

describe('undo stack', () => {
  const entry = (n: number): UndoEntry => ({
    cells: [{ employee_id: n, date: '2026-10-01', timetable_id: null, source: '' }],
    changed: 1,
  });

  it('pushes, pops and drops the oldest past the limit', () => {
    let stack = pushUndo([], entry(1));
    stack = pushUndo(stack, entry(2));
    stack = pushUndo(stack, { cells: [], changed: 0 });
    expect(stack.map((e) => e.cells[0].employee_id)).toEqual([1, 2]);
    const top = popUndo(stack);
    expect(top?.entry).toEqual(entry(2));
    expect(top?.rest).toEqual([entry(1)]);
    expect(popUndo([])).toBeNull();
    let long: UndoEntry[] = [];
    for (let i = 1; i <= 5; i += 1) long = pushUndo(long, entry(i), 3);
    expect(long.map((e) => e.cells[0].employee_id)).toEqual([3, 4, 5]);
  });

  it('undoes with restore and the exact cells', () => {
    expect(restoreEdit(entry(7))).toEqual({ kind: 'restore', cells: entry(7).cells });
  });
});
