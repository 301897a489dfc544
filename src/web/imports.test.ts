// The web's import rules, read from the source with TypeScript's parser (so
// type-only imports count too): the apps take only from src/web and
// src/shared, never from the server; the back-office shell takes nothing from
// a feature; and no two modules import each other, however indirectly.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '..');
const WEB = path.join(SRC, 'web');
const SHARED = path.join(SRC, 'shared');
const CODE = /\.tsx?$/;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : CODE.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier in a file: import and export declarations, `import('…')` calls and types. */
function specifiersOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative specifier as the bundler finds it (null: a package). */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  const hit = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!hit) throw new Error(`${path.relative(SRC, from)}: cannot resolve '${specifier}'`);
  return hit;
}

/** Each module of the web, and the modules (web or shared) it imports. */
const inside = (dir: string, file: string) => file.startsWith(dir + path.sep);

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = filesUnder(WEB);
  while (pending.length) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const targets = [...new Set(specifiersOf(file).flatMap((s) => resolve(file, s) ?? []))];
    graph.set(file, targets);
    // shared modules are followed too, since a cycle may pass through them
    pending.push(...targets.filter((t) => CODE.test(t) && (inside(WEB, t) || inside(SHARED, t))));
  }
  return graph;
}

/** Tarjan's strongly connected components; those of more than one module (or a module importing itself) are cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.map((f) => path.relative(SRC, f)).sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

const edges = (graph: Map<string, string[]>) => [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
const named = ({ from, to }: { from: string; to: string }) => `${path.relative(SRC, from)} → ${path.relative(SRC, to)}`;

describe('the web imports', () => {
  const graph = importGraph();

  it('take only from src/web and src/shared', () => {
    const outside = edges(graph).filter((e) => inside(WEB, e.from) && !inside(WEB, e.to) && !inside(SHARED, e.to));
    expect(outside.map(named)).toEqual([]);
  });

  it('keep the back-office shell free of its features', () => {
    const shell = path.join(WEB, 'backoffice', 'shell');
    const features = ['conversations', 'directory'].map((f) => path.join(WEB, 'backoffice', f));
    const reaching = edges(graph).filter((e) => inside(shell, e.from) && features.some((f) => inside(f, e.to)));
    expect(reaching.map(named)).toEqual([]);
  });

  it('form no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });
});
