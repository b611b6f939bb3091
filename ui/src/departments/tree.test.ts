// Tests of the department tree built from the flat list, and of the move-target picker.
import { describe, expect, it } from 'vitest';
import type { DepartmentDto } from '../bindings/DepartmentDto';
import {
  buildDepartmentTree,
  flattenTree,
  moveTargets,
  parentIdFromPicker,
  pickerValueFromParentId,
  subtreeIds,
  subtreeTotals,
  toPickerNodes,
  TOP_LEVEL,
  type DepartmentTreeNode,
} from './tree';

function dept(id: number, parent_id: number | null, name: string): DepartmentDto {
  return {
    id,
    parent_id,
    name,
    path: name,
    depth: 0,
    employee_count: 0,
    active_employee_count: 0,
    child_count: 0,
  };
}

/** Compact picture of a tree: "name(child,child)". */
function shape(nodes: readonly DepartmentTreeNode[]): string {
  return nodes
    .map((n) => (n.children.length ? `${n.department.name}(${shape(n.children)})` : n.department.name))
    .join(',');
}

// 总部 ─┬ 生产部 ─┬ 一车间
//       │         └ 二车间
//       └ 行政部
// 销售部
const company = [
  dept(1, null, '总部'),
  dept(2, 1, '生产部'),
  dept(3, 2, '一车间'),
  dept(4, 2, '二车间'),
  dept(5, 1, '行政部'),
  dept(6, null, '销售部'),
];

describe('buildDepartmentTree', () => {
  it('nests a depth-first list and keeps sibling order', () => {
    expect(shape(buildDepartmentTree(company))).toBe('总部(生产部(一车间,二车间),行政部),销售部');
  });

  it('does not depend on parents coming first', () => {
    const reversed = [...company].reverse();
    expect(shape(buildDepartmentTree(reversed))).toBe('销售部,总部(行政部,生产部(二车间,一车间))');
  });

  it('shows orphans (parent missing from the list) at the top level with their children', () => {
    const list = [dept(1, null, '总部'), dept(7, 99, '孤儿部'), dept(8, 7, '孤儿组')];
    expect(shape(buildDepartmentTree(list))).toBe('总部,孤儿部(孤儿组)');
  });

  it('breaks parent loops instead of losing departments', () => {
    const list = [dept(1, 2, '甲'), dept(2, 1, '乙'), dept(3, 3, '自环')];
    const tree = buildDepartmentTree(list);
    expect(flattenTree(tree).map((n) => n.department.name).sort()).toEqual(['乙', '甲', '自环']);
  });

  it('gives an empty tree for no departments', () => {
    expect(buildDepartmentTree([])).toEqual([]);
  });
});

describe('flattenTree', () => {
  it('lists parents before children with depths', () => {
    expect(flattenTree(buildDepartmentTree(company)).map((n) => `${n.depth}${n.department.name}`)).toEqual([
      '0总部',
      '1生产部',
      '2一车间',
      '2二车间',
      '1行政部',
      '0销售部',
    ]);
  });
});

describe('move targets', () => {
  it('excludes the department itself and everything under it', () => {
    expect([...subtreeIds(company, 2)].sort()).toEqual([2, 3, 4]);
    const targets = moveTargets(company, 2);
    expect(shape(targets)).toBe('总部(行政部),销售部');
    const offered = flattenTree(targets).map((n) => n.department.id);
    for (const forbidden of [2, 3, 4]) expect(offered).not.toContain(forbidden);
  });

  it('offers every other department when moving a leaf', () => {
    expect(shape(moveTargets(company, 3))).toBe('总部(生产部(二车间),行政部),销售部');
  });

  it('excludes a whole company when moving its root', () => {
    expect(shape(moveTargets(company, 1))).toBe('销售部');
  });

  it('converts picker values to parent ids and back', () => {
    expect(parentIdFromPicker(TOP_LEVEL)).toBeNull();
    expect(parentIdFromPicker('5')).toBe(5);
    expect(pickerValueFromParentId(null)).toBe(TOP_LEVEL);
    expect(pickerValueFromParentId(5)).toBe('5');
    expect(toPickerNodes(moveTargets(company, 2))[0]).toMatchObject({
      value: '1',
      title: '总部',
      children: [{ value: '5', title: '行政部', children: [] }],
    });
  });
});

describe('subtreeTotals', () => {
  it('adds each department\'s figure to all its ancestors', () => {
    const counted = company.map((d) => ({ ...d, active_employee_count: d.id * 10 }));
    const totals = subtreeTotals(buildDepartmentTree(counted), (d) => d.active_employee_count);
    expect(totals.get(3)).toBe(30);
    expect(totals.get(2)).toBe(20 + 30 + 40);
    expect(totals.get(1)).toBe(10 + 20 + 30 + 40 + 50);
    expect(totals.get(6)).toBe(60);
  });
});
