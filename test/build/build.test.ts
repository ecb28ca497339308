/**
 * The production build: functions.json generated from the JSDoc of src/functions/functions.ts and
 * listing every function, its Chinese twin, the pages, and a manifest whose every URL and icon
 * points at something the build emitted. (`office-addin-manifest validate` needs a web service, so
 * the manifest's structure is checked here instead.)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { JSDOM } from 'jsdom';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');

interface FunctionMeta {
  id: string;
  name: string;
  description?: string;
  parameters: Array<{ name: string; description?: string }>;
}

beforeAll(() => {
  // `npm test` builds first; a lone `jest` run builds here so this test never passes on stale output.
  if (!fs.existsSync(path.join(DIST, 'functions.json'))) {
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'inherit' });
  }
}, 600_000);

const read = (f: string) => fs.readFileSync(path.join(DIST, f), 'utf8');

/** Function ids declared in the source by `@customfunction` tags (explicit id, or the function name upper-cased). */
function declaredFunctionIds(): string[] {
  const src = fs.readFileSync(path.join(ROOT, 'src', 'functions', 'functions.ts'), 'utf8');
  const ids: string[] = [];
  for (const m of src.matchAll(/\/\*\*([\s\S]*?)\*\/\s*export\s+(?:async\s+)?function\s+(\w+)/g)) {
    const doc = m[1]!;
    const tag = /@customfunction(?:[ \t]+(\S+))?/.exec(doc);
    if (!tag) continue;
    ids.push((tag[1] ?? m[2]!).toUpperCase());
  }
  return ids;
}

test('functions.json lists every @customfunction with a description and described parameters', () => {
  const meta = JSON.parse(read('functions.json')) as { functions: FunctionMeta[] };
  const ids = meta.functions.map((f) => f.id.toUpperCase()).sort();
  const declared = declaredFunctionIds().sort();
  expect(declared.length).toBeGreaterThanOrEqual(9);
  expect(ids).toEqual(declared);
  for (const name of ['TARGET', 'GAP', 'PASS', 'STATUS', 'ACHIEVEMENT', 'ONTRACK', 'PER100', 'DIFFCOEF', 'BALANCED']) {
    expect(ids).toContain(name);
  }
  for (const f of meta.functions) {
    expect(f.description).toBeTruthy();
    for (const p of f.parameters) expect(p.description).toBeTruthy();
  }
});

test('functions.zh-cn.json translates every function and parameter (names 3–64 chars, starting with a letter)', () => {
  const en = JSON.parse(read('functions.json')) as { functions: FunctionMeta[] };
  const zh = JSON.parse(read('functions.zh-cn.json')) as { functions: FunctionMeta[] };
  expect(zh.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
  for (const f of zh.functions) {
    expect(f.name).toMatch(/^\p{L}[\p{L}\p{N}._]{2,63}$/u);
    expect(f.name).toMatch(/\p{Script=Han}/u);
    expect(f.description).toMatch(/\p{Script=Han}/u);
    for (const p of f.parameters) expect(p.description).toMatch(/\p{Script=Han}/u);
  }
});

test('the pages and bundles are emitted', () => {
  for (const f of ['taskpane.html', 'commands.html', 'preview.html', 'taskpane.js', 'functions.js', 'commands.js', 'preview.js']) {
    expect(fs.existsSync(path.join(DIST, f))).toBe(true);
  }
  const pane = read('taskpane.html');
  // shared runtime: the pane page loads Office.js, the functions and the commands
  expect(pane).toContain('appsforoffice.microsoft.com/lib/1/hosted/office.js');
  expect(pane).toMatch(/functions\.js/);
  expect(pane).toMatch(/commands\.js/);
  expect(read('preview.html')).not.toContain('office.js');
});

describe('manifest.xml', () => {
  const xml = () => new JSDOM(read('manifest.xml'), { contentType: 'text/xml' }).window.document;
  /** Elements by local name, whatever their namespace prefix (bt:String, bt:Url …). */
  const all = (root: Document | Element, name: string) => [...root.getElementsByTagNameNS('*', name)];
  const stringValue = (doc: Document, id: string) =>
    all(doc, 'String').find((e) => e.getAttribute('id') === id && e.parentElement?.localName === 'ShortStrings')?.getAttribute('DefaultValue');

  test('is well-formed XML of a task pane add-in for workbooks', () => {
    const doc = xml();
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.localName).toBe('OfficeApp');
    expect(root.getAttribute('xsi:type')).toBe('TaskPaneApp');
    expect(doc.getElementsByTagName('Id')[0]!.textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(doc.getElementsByTagName('DefaultLocale')[0]!.textContent).toBe('zh-CN');
    expect(doc.querySelector('Hosts > Host')!.getAttribute('Name')).toBe('Workbook');
  });

  test('declares a shared runtime used by the pane, the functions and the commands', () => {
    const doc = xml();
    expect(doc.querySelector('Requirements Set[Name="SharedRuntime"]')).not.toBeNull();
    const runtime = doc.getElementsByTagName('Runtime')[0]!;
    expect(runtime.getAttribute('lifetime')).toBe('long');
    const rid = runtime.getAttribute('resid');
    const cf = [...doc.getElementsByTagName('ExtensionPoint')].find((e) => e.getAttribute('xsi:type') === 'CustomFunctions')!;
    expect(cf.querySelector('Page > SourceLocation')!.getAttribute('resid')).toBe(rid);
    expect(doc.getElementsByTagName('FunctionFile')[0]!.getAttribute('resid')).toBe(rid);
    expect(cf.querySelector('Namespace')!.getAttribute('resid')).toBe('Functions.Namespace');
    expect(stringValue(doc, 'Functions.Namespace')).toBe('EDU');
  });

  test('every resid resolves and every URL points at a file the build emitted', () => {
    const doc = xml();
    const resources = all(doc, 'Resources')[0]!;
    const ids = new Set(all(resources, '*').map((e) => e.getAttribute('id')).filter(Boolean));
    const refs = all(doc, '*').filter((e) => e.hasAttribute('resid'));
    expect(refs.length).toBeGreaterThan(10);
    for (const el of refs) expect(ids).toContain(el.getAttribute('resid'));
    const urls = all(doc, '*')
      .map((e) => e.getAttribute('DefaultValue') ?? (e.localName === 'Override' ? e.getAttribute('Value') : null))
      .filter((v): v is string => !!v && v.startsWith('https://'));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      const rel = new URL(url).pathname.replace(/^\//, '');
      expect(fs.existsSync(path.join(DIST, rel))).toBe(true);
    }
    // the Chinese metadata override is wired on the metadata URL
    const metaUrl = all(doc, 'Url').find((e) => e.getAttribute('id') === 'Functions.Metadata.Url')!;
    const meta = all(metaUrl, 'Override')[0];
    expect(meta!.getAttribute('Locale')).toBe('zh-cn');
    expect(meta!.getAttribute('Value')).toMatch(/functions\.zh-cn\.json$/);
  });

  test('the ribbon has 打开面板, 插入模板 and 校验 with icons from assets/', () => {
    const doc = xml();
    const labels = all(doc, 'Control').map((c) => stringValue(doc, all(c, 'Label')[0]!.getAttribute('resid')!));
    expect(labels).toEqual(['打开面板', '插入模板', '校验']);
    for (const c of all(doc, 'Control')) {
      for (const img of all(c, 'Image')) {
        const res = all(doc, 'Image').find((e) => e.getAttribute('id') === img.getAttribute('resid'))!;
        expect(fs.existsSync(path.join(ROOT, 'assets', path.basename(new URL(res.getAttribute('DefaultValue')!).pathname)))).toBe(true);
      }
    }
    const fns = all(doc, 'FunctionName').map((f) => f.textContent);
    expect(fns).toEqual(['insertTemplate', 'validateWorkbook']);
    const commands = fs.readFileSync(path.join(ROOT, 'src', 'commands', 'commands.ts'), 'utf8');
    expect(commands).toContain('Office.actions.associate');
    for (const fn of fns) expect(commands).toMatch(new RegExp(`export (async )?function ${fn}\\b`));
  });
});
