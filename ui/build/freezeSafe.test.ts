// @vitest-environment node
// Tests of the freeze-safe transform: dayjs breaks under a frozen Object.prototype, and works once rewritten.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { rewritePrototypeAssignments } from './freezeSafe';

/** Runs code as a strict script (as bundled ES modules are) in a fresh realm whose Object.prototype is frozen. */
function runFrozen(code: string): { module: { exports: unknown } } {
  const sandbox = { module: { exports: {} as unknown }, exports: {} };
  const context = vm.createContext(sandbox);
  vm.runInContext('Object.freeze(Object.prototype);', context);
  vm.runInContext(`"use strict";\n${code}`, context);
  return sandbox;
}

describe('rewritePrototypeAssignments', () => {
  it('turns assignments of Object.prototype names into defineProperty calls that keep the value', () => {
    const out = rewritePrototypeAssignments('"use strict";var p=A.prototype;var r=(p.valueOf=function(){return 1});p.toString=f;p.other=g;');
    expect(out.startsWith('"use strict";\nfunction __kqDefine(')).toBe(true);
    expect(out).toContain('var r=(__kqDefine(p,"valueOf",(function(){return 1})))');
    expect(out).toContain('__kqDefine(p,"toString",(f));');
    expect(out).toContain('p.other=g;');
  });

  it('leaves code without such assignments untouched', () => {
    const code = 'a.valueOf(); a.toString === b; x.value = 1;';
    expect(rewritePrototypeAssignments(code)).toBe(code);
  });

  it('rewrites computed string keys and nested assignments', () => {
    const out = rewritePrototypeAssignments('o["toString"]=(q.valueOf=v);');
    expect(out).toContain('__kqDefine(o,"toString",(__kqDefine(q,"valueOf",(v))))');
  });

  it('keeps a parenthesised sequence as one value', () => {
    const out = rewritePrototypeAssignments('var r = (o.valueOf = (a, b));');
    const context = vm.createContext({ a: 1, b: 2, o: {} as Record<string, unknown> });
    vm.runInContext(out, context);
    expect(vm.runInContext('[r, o.valueOf, Object.keys(o).join()]', context)).toEqual([2, 2, 'valueOf']);
  });

  it('makes dayjs work when Object.prototype is frozen, as in the Tauri shell', () => {
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve('dayjs/dayjs.min.js'), 'utf8');
    expect(() => runFrozen(source)).toThrow(/read only property 'valueOf'|read-only/);

    const sandbox = runFrozen(rewritePrototypeAssignments(source));
    const dayjs = sandbox.module.exports as (input: string) => { format: (f: string) => string; valueOf: () => number; toString: () => string };
    const day = dayjs('2026-11-01');
    expect(day.format('YYYY-MM-DD')).toBe('2026-11-01');
    expect(typeof day.valueOf()).toBe('number');
    expect(day.toString()).toContain('2026');
  });
});
