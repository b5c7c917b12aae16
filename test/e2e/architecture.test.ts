/**
 * The shape of worker/: which folder may import which. Read off the source
 * (static imports), so a change that reaches across fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve('worker');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The folder of a file under worker/, or the file's own name for the files at its root (entry, env, log). */
const folderOf = (file: string) => {
  const rel = relative(root, file);
  return rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.js$/, '.ts');
};

/** folder -> folders it imports from (within worker/). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(root)) {
    const from = folderOf(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"](\.[^'"]+)['"]/gm)) {
      const target = resolve(dirname(file), spec!);
      if (!target.startsWith(root)) continue;
      const to = folderOf(target);
      if (to !== from) (graph.get(from) ?? graph.set(from, new Set()).get(from)!).add(to);
    }
  }
  return graph;
}

function cycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): string[] | null => {
    if (state.get(node) === 'open') return [...path, node];
    if (state.get(node) === 'done') return null;
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      const found = visit(next, [...path, node]);
      if (found) return found;
    }
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const found = visit(node, []);
    if (found) return found;
  }
  return null;
}

describe('worker/ layout', () => {
  const graph = folderGraph();

  it('has no import cycle between its folders', () => {
    expect(cycle(graph)).toBeNull();
  });

  it('notify/ is a leaf: it imports from db/, env and log only', () => {
    const imported = [...(graph.get('notify') ?? [])];
    expect(imported).toContain('db');
    for (const folder of imported) expect(['db', 'env.ts', 'log.ts']).toContain(folder);
  });

  it('the cycle check finds a cycle when there is one', () => {
    expect(
      cycle(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['a'])],
        ]),
      ),
    ).toEqual(['a', 'b', 'a']);
  });
});
