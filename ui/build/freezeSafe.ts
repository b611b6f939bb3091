// Vite plugin: makes library code work when the Tauri shell freezes Object.prototype (app.security.freezePrototype).
//
// With Object.prototype frozen, a plain assignment such as `Dayjs.prototype.valueOf = fn` throws
// in strict code (the "override mistake"): the inherited `valueOf` is read-only, so the
// assignment may not create an own property. dayjs (which antd's DatePicker needs) does exactly
// that. This transform rewrites `x.valueOf = v` (and the other names Object.prototype owns) into
// an Object.defineProperty call with the same result — an own, writable, enumerable property and
// the value v as the expression's value — which a frozen prototype does not block.
import { parseAst, type Plugin } from 'vite';

/** Names whose plain assignment a frozen Object.prototype blocks (`__proto__` is an accessor and still works). */
export const GUARDED_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== '__proto__'),
);

const QUICK_CHECK = new RegExp(`\\.(?:${[...GUARDED_NAMES].join('|')})\\s*=(?!=)`);

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function guardedName(member: Node): string | null {
  const property = member.property as Node;
  if (!member.computed && property.type === 'Identifier') return property.name as string;
  if (member.computed && property.type === 'Literal' && typeof property.value === 'string') return property.value;
  return null;
}

/** Rewrites guarded assignments in one module; returns the code unchanged when there are none. */
export function rewritePrototypeAssignments(code: string, filename = 'module.js'): string {
  if (!QUICK_CHECK.test(code)) return code;
  const edits: Edit[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isNode(node)) return;
    if (node.type === 'AssignmentExpression' && node.operator === '=') {
      const left = node.left as Node;
      const name = left.type === 'MemberExpression' && !left.optional ? guardedName(left) : null;
      if (name !== null && GUARDED_NAMES.has(name)) {
        const object = left.object as Node;
        const right = node.right as Node;
        // Nested rewrites inside the right-hand side are applied first (edits run from the end).
        visit(right);
        // The right-hand side gets its own parentheses: `x.valueOf = (a, b)` must stay one argument.
        edits.push({ start: right.end, end: node.end, text: '))' });
        edits.push({
          start: node.start,
          end: right.start,
          text: `__kqDefine(${code.slice(object.start, object.end)},${JSON.stringify(name)},(`,
        });
        return;
      }
    }
    for (const key of Object.keys(node)) {
      if (key !== 'type' && key !== 'start' && key !== 'end') visit(node[key]);
    }
  };
  const program = parseAst(code, { lang: 'js' }, filename) as unknown as Node;
  visit(program);
  if (edits.length === 0) return code;
  // The helper goes after a "use strict" prologue, so the module keeps its strictness.
  const body = program.body as Node[];
  let prologueEnd = 0;
  for (const statement of body) {
    if (statement.type !== 'ExpressionStatement' || typeof statement.directive !== 'string') break;
    prologueEnd = statement.end;
  }
  edits.push({
    start: prologueEnd,
    end: prologueEnd,
    text: '\nfunction __kqDefine(o,k,v){Object.defineProperty(o,k,{value:v,writable:true,enumerable:true,configurable:true});return v}\n',
  });
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = code;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

export function freezeSafePrototypeAssignments(): Plugin {
  return {
    name: 'kaoqin:freeze-safe-prototype-assignments',
    enforce: 'post',
    transform(code, id) {
      if (!/\.[cm]?js(?:\?|$)/.test(id) && !/\.[cm]?[jt]sx?(?:\?|$)/.test(id)) return null;
      const out = rewritePrototypeAssignments(code, id);
      return out === code ? null : { code: out, map: null };
    },
  };
}
