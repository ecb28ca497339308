/**
 * Editing workbooks the way a school does, with LibreOffice Calc itself: a headless Basic macro
 * opens each workbook, applies edits through the UNO API (insert and delete rows and columns,
 * copy sheets, type values, write formulas, edit the hidden metadata sheet) and saves it as
 * .xlsx with Calc's own filter. What the tests read back is what Calc really writes: defined
 * names grown over inserted rows, shifted by deleted columns, copied sheets with their own
 * sheet-scoped names, and so on.
 *
 * One soffice run applies a whole batch (many workbooks, many edits each): starting soffice is
 * the slow part. The edits travel in a UTF-8 job file (one tab-separated operation per line);
 * the macro writes a log line per saved file or per failed operation, and a failed operation
 * fails the batch (no silent partial edit).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SOFFICE } from './libreoffice';

/** One edit, as a school makes it in Calc. Rows are 1-based row numbers, columns letters. */
export type CalcEdit =
  /** Remove sheet protection (the templates protect formula cells with an empty password). */
  | { op: 'unprotect'; sheet: string }
  /** Insert `count` rows before row `before` (what 插入行 above a selected row does). */
  | { op: 'insertRows'; sheet: string; before: number; count?: number }
  | { op: 'deleteRows'; sheet: string; row: number; count?: number }
  /** Insert `count` columns before column `before` (a letter). */
  | { op: 'insertColumns'; sheet: string; before: string; count?: number }
  | { op: 'deleteColumns'; sheet: string; column: string; count?: number }
  /** Type into a cell as a user does (Calc parses it: `95%`, `1,234`, `=A1+1`). */
  | { op: 'type'; sheet: string; cell: string; text: string }
  /** Store text as text (what a cell formatted as text, or a paste of text, holds). */
  | { op: 'text'; sheet: string; cell: string; text: string }
  | { op: 'number'; sheet: string; cell: string; value: number }
  /** A formula, in Calc's API grammar (English function names, `;` between arguments). */
  | { op: 'formula'; sheet: string; cell: string; formula: string }
  /** 移动或复制工作表 → 建立副本: a copy of `sheet` named `as`, placed at 0-based `position` (default: last). */
  | { op: 'copySheet'; sheet: string; as: string; position?: number }
  | { op: 'renameSheet'; sheet: string; as: string }
  | { op: 'deleteSheet'; sheet: string };

export interface CalcJob {
  /** File name (unique within one batch), ending in .xlsx. */
  name: string;
  bytes: Uint8Array;
  edits: CalcEdit[];
}

const MACRO = `REM Applies the edits of a job file to workbooks (test/helpers/calc-edit.ts writes the job file).
Sub Edit(jobPath As String, logPath As String)
  Dim sfa As Object, tis As Object, tos As Object, doc As Object, sh As Object
  Dim f() As String, lineText As String, lineNo As Long, failed As Boolean
  Dim props(0) As New com.sun.star.beans.PropertyValue
  Dim store(0) As New com.sun.star.beans.PropertyValue
  props(0).Name = "Hidden"
  props(0).Value = True
  store(0).Name = "FilterName"
  store(0).Value = "Calc MS Excel 2007 XML"
  sfa = createUnoService("com.sun.star.ucb.SimpleFileAccess")
  tis = createUnoService("com.sun.star.io.TextInputStream")
  tis.setInputStream(sfa.openFileRead(ConvertToURL(jobPath)))
  tis.setEncoding("UTF-8")
  tos = createUnoService("com.sun.star.io.TextOutputStream")
  tos.setOutputStream(sfa.openFileWrite(ConvertToURL(logPath)))
  tos.setEncoding("UTF-8")
  On Error GoTo Failed
  Do While Not tis.isEOF()
    REM readLine keeps the line feed here: drop line ends.
    lineText = Replace(Replace(tis.readLine(), Chr(13), ""), Chr(10), "")
    lineNo = lineNo + 1
    If lineText = "" Then GoTo NextLine
    f = Split(lineText, Chr(9))
    If failed And f(0) <> "open" Then GoTo NextLine
    Select Case f(0)
      Case "open"
        failed = False
        doc = StarDesktop.loadComponentFromURL(ConvertToURL(f(1)), "_blank", 0, props())
      Case "unprotect"
        doc.Sheets.getByName(f(1)).unprotect("")
      Case "insertRows"
        doc.Sheets.getByName(f(1)).Rows.insertByIndex(CLng(f(2)), CLng(f(3)))
      Case "deleteRows"
        doc.Sheets.getByName(f(1)).Rows.removeByIndex(CLng(f(2)), CLng(f(3)))
      Case "insertColumns"
        doc.Sheets.getByName(f(1)).Columns.insertByIndex(CLng(f(2)), CLng(f(3)))
      Case "deleteColumns"
        doc.Sheets.getByName(f(1)).Columns.removeByIndex(CLng(f(2)), CLng(f(3)))
      Case "type", "formula"
        doc.Sheets.getByName(f(1)).getCellRangeByName(f(2)).setFormula(f(3))
      Case "text"
        doc.Sheets.getByName(f(1)).getCellRangeByName(f(2)).setString(f(3))
      Case "number"
        doc.Sheets.getByName(f(1)).getCellRangeByName(f(2)).setValue(Val(f(3)))
      Case "copySheet"
        doc.Sheets.copyByName(f(1), f(2), CInt(f(3)))
      Case "renameSheet"
        doc.Sheets.getByName(f(1)).setName(f(2))
      Case "deleteSheet"
        doc.Sheets.removeByName(f(1))
      Case "save"
        doc.calculateAll()
        doc.storeToURL(ConvertToURL(f(1)), store())
        doc.close(True)
        tos.writeString("saved" & Chr(9) & f(1) & Chr(10))
      Case Else
        tos.writeString("error" & Chr(9) & lineNo & Chr(9) & "unknown operation " & f(0) & Chr(10))
        failed = True
    End Select
    NextLine:
  Loop
  GoTo Done
Failed:
  tos.writeString("error" & Chr(9) & lineNo & Chr(9) & Err & " " & Error$ & " (" & lineText & ")" & Chr(10))
  failed = True
  On Error GoTo 0
  If Not IsNull(doc) Then doc.close(True)
  doc = Nothing
  On Error GoTo Failed
  Resume NextLine
Done:
  tos.writeString("done" & Chr(10))
  tos.closeOutput()
  tis.closeInput()
  Dim quit As Object
  quit = createUnoService("com.sun.star.frame.DispatchHelper")
  quit.executeDispatch(StarDesktop, ".uno:Quit", "", 0, Array())
End Sub
`;

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** 'C' → 2 (0-based, as UNO counts columns). */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function opLine(e: CalcEdit): string[] {
  switch (e.op) {
    case 'unprotect':
      return ['unprotect', e.sheet];
    case 'insertRows':
      return ['insertRows', e.sheet, String(e.before - 1), String(e.count ?? 1)];
    case 'deleteRows':
      return ['deleteRows', e.sheet, String(e.row - 1), String(e.count ?? 1)];
    case 'insertColumns':
      return ['insertColumns', e.sheet, String(columnIndex(e.before)), String(e.count ?? 1)];
    case 'deleteColumns':
      return ['deleteColumns', e.sheet, String(columnIndex(e.column)), String(e.count ?? 1)];
    case 'type':
      return ['type', e.sheet, e.cell, e.text];
    case 'text':
      return ['text', e.sheet, e.cell, e.text];
    case 'number':
      return ['number', e.sheet, e.cell, String(e.value)];
    case 'formula':
      return ['formula', e.sheet, e.cell, e.formula.startsWith('=') ? e.formula : `=${e.formula}`];
    case 'copySheet':
      return ['copySheet', e.sheet, e.as, String(e.position ?? 32767)];
    case 'renameSheet':
      return ['renameSheet', e.sheet, e.as];
    case 'deleteSheet':
      return ['deleteSheet', e.sheet];
  }
}

let profiles = 0;

/** A throwaway LibreOffice profile holding the macro (made once per test process). */
function writeMacro(profile: string): void {
  const basic = path.join(profile, 'user', 'basic');
  const lib = path.join(basic, 'Standard');
  fs.mkdirSync(lib, { recursive: true });
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  fs.writeFileSync(
    path.join(basic, 'script.xlc'),
    `${head}<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">\n` +
      '<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">\n' +
      ' <library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/script.xlb/" xlink:type="simple" library:link="false"/>\n' +
      '</library:libraries>\n',
  );
  fs.writeFileSync(
    path.join(lib, 'script.xlb'),
    `${head}<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">\n` +
      '<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">\n' +
      ' <library:element library:name="Module1"/>\n' +
      '</library:library>\n',
  );
  fs.writeFileSync(
    path.join(lib, 'Module1.xba'),
    `${head}<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n` +
      `<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">${xmlEscape(MACRO)}</script:module>\n`,
  );
}

function runSoffice(args: string[], timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    execFile(SOFFICE!, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`soffice failed: ${error.message}\n${stderr}`)) : resolve(),
    );
  });
}

/** A throwaway LibreOffice profile holding the macro: initialised by soffice itself, then the module written in. */
async function makeProfile(): Promise<string> {
  const profile = path.join(os.tmpdir(), `lo-loss-${process.pid}-${Date.now()}-${++profiles}`);
  await runSoffice(['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--terminate_after_init'], 120_000);
  writeMacro(profile);
  return profile;
}

/**
 * Applies each job's edits in Calc (one soffice run for the whole batch) and returns the saved
 * bytes by job name. Throws with the macro's log when any edit failed.
 */
export async function editWithCalc(jobs: CalcJob[], timeoutMs = 240_000): Promise<Map<string, Buffer>> {
  if (!SOFFICE) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui');
  const names = new Set(jobs.map((j) => j.name));
  if (names.size !== jobs.length) throw new Error('editWithCalc: job names must be unique');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-calc-edit-'));
  const profile = await makeProfile();
  try {
    const lines: string[] = [];
    const outputs = new Map<string, string>();
    for (const job of jobs) {
      const input = path.join(work, `in-${job.name}`);
      const output = path.join(work, `out-${job.name}`);
      fs.writeFileSync(input, job.bytes);
      outputs.set(job.name, output);
      lines.push(['open', input].join('\t'));
      for (const e of job.edits) {
        const fields = opLine(e);
        if (fields.some((x) => /[\t\r\n]/.test(x))) throw new Error(`editWithCalc: tab or newline in an edit of ${job.name}`);
        lines.push(fields.join('\t'));
      }
      lines.push(['save', output].join('\t'));
    }
    const jobFile = path.join(work, 'jobs.txt');
    const logFile = path.join(work, 'log.txt');
    fs.writeFileSync(jobFile, `${lines.join('\n')}\n`);
    const macro = `macro:///Standard.Module1.Edit("${jobFile}","${logFile}")`;
    await runSoffice(['--headless', '--invisible', '--norestore', '--nologo', '--nolockcheck', `-env:UserInstallation=file://${profile}`, macro], timeoutMs);
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    if (/(^|\n)error\t/.test(log) || !/(^|\n)done\n/.test(log)) throw new Error(`Calc edits failed:\n${log || '(no log: the macro did not run)'}`);
    const out = new Map<string, Buffer>();
    for (const [name, file] of outputs) {
      if (!fs.existsSync(file)) throw new Error(`Calc did not save ${name} (log: ${log || 'empty'})`);
      out.set(name, fs.readFileSync(file));
    }
    return out;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
