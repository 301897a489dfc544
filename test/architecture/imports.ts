// The import graph of src/, read with TypeScript's own parser, and the rules
// the layout keeps (see the README's architecture section):
// - no import cycle (type-only imports count);
// - arrows point down: shared < db < kernel < writes < events < http < modules
//   < the app's composition (app.ts, main.ts, modules.ts, runtime.ts, ...);
// - a module uses another module only through its index.ts;
// - the web imports only web code and src/shared; src/shared imports neither;
//   the back-office's shell imports none of its features;
// - a table is queried (from, insert, update, delete) only in the folder that
//   declares it; other modules may join it in a read, never write it.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** path from the project root, with forward slashes: "src/server/app.ts" */
  file: string;
  text: string;
}

interface Parsed {
  file: string;
  imports: string[];
  /** table names this file queries with from / insert / update / delete */
  queries: string[];
  /** table names this file declares (its `interface DB { ... }` augmentation) */
  declares: string[];
}

const QUERY_METHODS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom']);

function resolve(from: string, specifier: string, known: Set<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base].find((candidate) => known.has(candidate));
}

function parse(source: SourceFile, known: Set<string>): Parsed {
  const sf = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true);
  const imports: string[] = [];
  const queries: string[] = [];
  const declares: string[] = [];
  const visit = (node: ts.Node) => {
    let specifier: string | undefined;
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifier = node.moduleSpecifier.text;
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifier = node.arguments[0].text;
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifier = node.argument.literal.text;
    }
    if (specifier) {
      const target = resolve(source.file, specifier, known);
      if (target) imports.push(target);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && QUERY_METHODS.has(node.expression.name.text)) {
      const first = node.arguments[0];
      if (first && ts.isStringLiteralLike(first)) queries.push(first.text.split(/\s+as\s+/)[0]!.trim());
    }
    if (
      ts.isModuleDeclaration(node) &&
      ts.isStringLiteral(node.name) &&
      /\/db\/schema$/.test(node.name.text) &&
      node.body &&
      ts.isModuleBlock(node.body)
    ) {
      for (const statement of node.body.statements) {
        if (ts.isInterfaceDeclaration(statement) && statement.name.text === 'DB') {
          for (const member of statement.members) if (member.name && ts.isIdentifier(member.name)) declares.push(member.name.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { file: source.file, imports, queries, declares };
}

/** The layer of a server file: its folder under src/server, or "app" for the composition at the top. */
export function layerOf(file: string): string {
  if (file.startsWith('src/shared/')) return 'shared';
  if (file.startsWith('src/web/')) return 'web';
  const rest = file.slice('src/server/'.length);
  const folder = rest.includes('/') ? rest.split('/')[0]! : 'app';
  return folder === 'seed' ? 'app' : folder;
}

/** The back-office's frame (header, menus, sign-in) and the features it frames: each feature plugs into the shell, never the other way. */
const SHELL = 'src/web/backoffice/shell/';
const FEATURES = ['src/web/backoffice/conversations/', 'src/web/backoffice/directory/'];

/** Infrastructure, bottom first: each may import only those before it (and itself). */
const INFRASTRUCTURE = ['shared', 'db', 'kernel', 'writes', 'events', 'http'];
const rank = (layer: string) => {
  const i = INFRASTRUCTURE.indexOf(layer);
  if (i >= 0) return i;
  return layer === 'app' ? INFRASTRUCTURE.length + 1 : INFRASTRUCTURE.length; // feature modules, then the app
};
const isModule = (layer: string) => rank(layer) === INFRASTRUCTURE.length;

/** Every cycle (strongly connected set of more than one file, or a file importing itself), each as its sorted files. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const connect = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) connect(v);
  return found;
}

/** What breaks the rules in these files, one line each, naming the files. */
export function checkLayout(sources: SourceFile[]): string[] {
  const known = new Set(sources.map((s) => s.file));
  const parsed = sources.map((s) => parse(s, known));
  const problems: string[] = [];
  const graph = new Map(parsed.map((p) => [p.file, p.imports]));
  for (const cycle of cycles(graph)) problems.push(`import cycle: ${cycle.join(' -> ')}`);

  const owners = new Map<string, string>();
  for (const p of parsed) for (const table of p.declares) owners.set(table, path.posix.dirname(p.file));

  for (const p of parsed) {
    const from = layerOf(p.file);
    for (const target of p.imports) {
      const to = layerOf(target);
      if (from === 'web' && to !== 'web' && to !== 'shared') problems.push(`web imports the server: ${p.file} -> ${target}`);
      else if (p.file.startsWith(SHELL) && FEATURES.some((feature) => target.startsWith(feature)))
        problems.push(`the shell imports a feature: ${p.file} -> ${target}`);
      else if (from === 'shared' && to !== 'shared') problems.push(`shared imports ${to}: ${p.file} -> ${target}`);
      else if (from !== 'web' && from !== 'shared' && to === 'web') problems.push(`server imports the web: ${p.file} -> ${target}`);
      else if (from !== 'web' && to !== 'web' && rank(to) > rank(from))
        problems.push(`upward import (${from} -> ${to}): ${p.file} -> ${target}`);
      else if (isModule(from) && isModule(to) && from !== to && !target.endsWith(`src/server/${to}/index.ts`)) {
        problems.push(`module ${from} reaches into ${to} past its index.ts: ${p.file} -> ${target}`);
      }
    }
    for (const table of p.queries) {
      const owner = owners.get(table);
      if (owner && path.posix.dirname(p.file) !== owner) problems.push(`queries ${table}, which ${owner} owns: ${p.file}`);
    }
  }
  return problems;
}

/** The project's own sources under src/. */
export function readSources(root = 'src'): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        out.push({ file: full, text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return out;
}
