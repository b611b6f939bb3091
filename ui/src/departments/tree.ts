// Builds the department tree from the backend's flat depth-first list, and the move-target choices.
//
// The backend sends parents before children, but this code does not rely on it: a department
// whose parent is missing from the list (an orphan) is shown at the top level, and a parent loop
// in bad data is broken rather than making departments disappear.
import type { DepartmentDto } from '../bindings/DepartmentDto';

export interface DepartmentTreeNode {
  department: DepartmentDto;
  children: DepartmentTreeNode[];
}

/** The tree of departments; siblings keep the order of the input list. */
export function buildDepartmentTree(departments: readonly DepartmentDto[]): DepartmentTreeNode[] {
  const nodes = new Map<number, DepartmentTreeNode>();
  for (const department of departments) {
    if (!nodes.has(department.id)) nodes.set(department.id, { department, children: [] });
  }
  const roots: DepartmentTreeNode[] = [];
  const parentOf = new Map<number, DepartmentTreeNode>();
  for (const node of nodes.values()) {
    const parentId = node.department.parent_id;
    const parent = parentId === null ? undefined : nodes.get(parentId);
    if (parent && parent !== node) {
      parent.children.push(node);
      parentOf.set(node.department.id, parent);
    } else {
      roots.push(node);
    }
  }

  // Anything not reachable from a root sits in a parent loop: lift it to the top level.
  const reached = new Set<number>();
  const visit = (node: DepartmentTreeNode) => {
    const stack = [node];
    while (stack.length > 0) {
      const current = stack.pop() as DepartmentTreeNode;
      if (reached.has(current.department.id)) continue;
      reached.add(current.department.id);
      stack.push(...current.children);
    }
  };
  roots.forEach(visit);
  for (const node of nodes.values()) {
    if (reached.has(node.department.id)) continue;
    const parent = parentOf.get(node.department.id);
    if (parent) parent.children = parent.children.filter((child) => child !== node);
    roots.push(node);
    visit(node);
  }
  return roots;
}

/** The nodes of a tree in depth-first order (parents before children), with their depth. */
export function flattenTree(
  roots: readonly DepartmentTreeNode[],
): Array<{ department: DepartmentDto; depth: number }> {
  const out: Array<{ department: DepartmentDto; depth: number }> = [];
  const walk = (list: readonly DepartmentTreeNode[], depth: number) => {
    for (const node of list) {
      out.push({ department: node.department, depth });
      walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}

/** The ids of a department and everything under it. */
export function subtreeIds(departments: readonly DepartmentDto[], rootId: number): Set<number> {
  const childrenOf = new Map<number, number[]>();
  for (const d of departments) {
    if (d.parent_id === null) continue;
    const list = childrenOf.get(d.parent_id) ?? [];
    list.push(d.id);
    childrenOf.set(d.parent_id, list);
  }
  const ids = new Set<number>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (ids.has(id)) continue;
    ids.add(id);
    stack.push(...(childrenOf.get(id) ?? []));
  }
  return ids;
}

/**
 * Where a department may be moved: every department except itself and its own sub-departments
 * (the backend refuses those moves too). The top level is offered separately by the picker.
 */
export function moveTargets(
  departments: readonly DepartmentDto[],
  movingId: number,
): DepartmentTreeNode[] {
  const excluded = subtreeIds(departments, movingId);
  return buildDepartmentTree(departments.filter((d) => !excluded.has(d.id)));
}

/** The value the department pickers use for "top level, under no department". */
export const TOP_LEVEL = 'top';

export interface PickerNode {
  value: string;
  title: string;
  key: string;
  children: PickerNode[];
}

/** Tree-picker data for antd TreeSelect: values are department ids as strings. */
export function toPickerNodes(roots: readonly DepartmentTreeNode[]): PickerNode[] {
  return roots.map((node) => ({
    value: String(node.department.id),
    key: String(node.department.id),
    title: node.department.name,
    children: toPickerNodes(node.children),
  }));
}

/** A TreeSelect node whose value is the department id itself, with its full path. */
export interface IdPickerNode {
  value: number;
  key: number;
  title: string;
  path: string;
  children: IdPickerNode[];
}

/** Tree-picker data for filters and assignment pickers: numeric ids, names shown, paths kept. */
export function toIdPickerNodes(roots: readonly DepartmentTreeNode[]): IdPickerNode[] {
  return roots.map((node) => ({
    value: node.department.id,
    key: node.department.id,
    title: node.department.name,
    path: node.department.path,
    children: toIdPickerNodes(node.children),
  }));
}

/** Picker value → parent id (null for the top level). */
export function parentIdFromPicker(value: string | undefined): number | null {
  if (value === undefined || value === TOP_LEVEL) return null;
  const id = Number(value);
  return Number.isInteger(id) ? id : null;
}

/** Parent id → picker value. */
export function pickerValueFromParentId(parentId: number | null): string {
  return parentId === null ? TOP_LEVEL : String(parentId);
}

/** Per department, a figure summed over the department and all its sub-departments (e.g. active employees). */
export function subtreeTotals(
  roots: readonly DepartmentTreeNode[],
  pick: (department: DepartmentDto) => number,
): Map<number, number> {
  const totals = new Map<number, number>();
  const sum = (node: DepartmentTreeNode): number => {
    const total = node.children.reduce((acc, child) => acc + sum(child), pick(node.department));
    totals.set(node.department.id, total);
    return total;
  };
  roots.forEach(sum);
  return totals;
}
