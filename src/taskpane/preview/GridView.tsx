/**
 * The preview's spreadsheet: a small grid view of the fake workbook — formula bar, cells with
 * their formats and conditional formats, merges, frozen panes, selection, sheet tabs — where a
 * user (or the e2e test) can select cells and type values the way they would in Excel.
 *
 * It edits the model directly (the preview is the "user"); the add-in reaches the same model only
 * through the fake Excel API. Locked cells of a protected sheet refuse edits, as in Excel.
 */
import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { a1, rangeA1 } from '../../core/workbook/address';
import type { Box, FakeExcel } from '../../excel/fake';
import { buildGridView, formulaBarText, type CellView } from './gridModel';

const HEADER_HEIGHT = 22;
const ROW_HEADER_WIDTH = 40;
/**
 * Rows always in the DOM: a form sheet (one unit) is whole, so what a user or a test looks for by
 * its text is there. Past them only the rows around the scrolled window are rendered: a unit
 * table of thousands of schools re-rendered all of its 400 shown rows after every insert, one
 * task of almost a second.
 */
const ALWAYS_RENDERED_ROWS = 100;
/** Rows rendered beyond the visible window, in screens (scrolling a little never shows a gap). */
const OVERSCAN_SCREENS = 1;
/** The window's height before it is measured (jsdom measures nothing). */
const UNMEASURED_HEIGHT = 800;
/** The window moves in blocks of rows: scrolling rebuilds the rendered rows every 50 rows, not every frame. */
const WINDOW_BLOCK = 50;

/**
 * The rows (0-based indexes into the view's rows) to render: the frozen ones, the first
 * ALWAYS_RENDERED_ROWS, and those around [scrollTop, scrollTop + height], widened so that no
 * merge is cut at either end. Returns one contiguous range after the frozen rows.
 */
export function renderedRows(
  heights: readonly number[],
  spans: readonly number[],
  freezeRows: number,
  scrollTop: number,
  height: number,
): { start: number; end: number } {
  const screen = height > 0 ? height : UNMEASURED_HEIGHT;
  const from = Math.max(0, scrollTop - screen * OVERSCAN_SCREENS);
  const to = scrollTop + screen * (1 + OVERSCAN_SCREENS);
  let y = HEADER_HEIGHT;
  let start = -1;
  let end = heights.length - 1;
  for (let i = 0; i < heights.length; i++) {
    if (start < 0 && y + heights[i] >= from) start = i;
    if (y > to) {
      end = i - 1;
      break;
    }
    y += heights[i];
  }
  if (start < 0) start = heights.length;
  start = Math.floor(start / WINDOW_BLOCK) * WINDOW_BLOCK;
  end = Math.min(heights.length, Math.ceil((end + 1) / WINDOW_BLOCK) * WINDOW_BLOCK) - 1;
  if (start < ALWAYS_RENDERED_ROWS || start <= freezeRows) start = freezeRows;
  end = Math.max(end, Math.min(heights.length, ALWAYS_RENDERED_ROWS) - 1);
  // A merge that starts above the window or reaches past its end is rendered whole.
  for (let i = 0; i < spans.length; i++) {
    if (spans[i] > 1 && i < start && i + spans[i] - 1 >= start) start = Math.max(freezeRows, i);
  }
  for (let i = start; i <= end && i < spans.length; i++) if (spans[i] > 1) end = Math.max(end, Math.min(heights.length - 1, i + spans[i] - 1));
  return { start, end };
}

interface Props {
  fake: FakeExcel;
  /** Bumped on every change (workbook or selection): the view re-reads the model when it moves. */
  version: number;
  /** Bumped when the add-in ran a batch: the grid's own last message (an alert) is then stale. */
  paneBatches?: number;
  onChanged: () => void;
}

interface Editing {
  row: number;
  col: number;
  text: string;
}

/** Tab-separated rows, as spreadsheets put them on the clipboard. */
function parseClipboard(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));
}

export function GridView({ fake, version, paneBatches, onChanged }: Props) {
  const wb = fake.model;
  const sheet = wb.activeSheet;
  // `version` moves on every change: rebuild then.
  // Rows and their heights first (no cell evaluated), then the cells of the rendered window only.
  const layout = useMemo(() => buildGridView(fake, sheet, () => false), [fake, sheet, version]);
  const [editing, setEditing] = useState<Editing | undefined>(undefined);
  const [message, setMessage] = useState<string>('');
  const [barText, setBarText] = useState<string | undefined>(undefined);
  const anchor = useRef<{ row: number; col: number }>({ row: wb.selection.box.top, col: wb.selection.box.left });
  const dragging = useRef(false);
  const gridRef = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 0 });
  const scrollFrame = useRef(0);
  const sel = wb.selection.sheet === sheet ? wb.selection.box : { top: 1, left: 1, bottom: 1, right: 1 };
  const active = { row: sel.top, col: sel.left };

  useEffect(() => setMessage(''), [paneBatches]);

  useEffect(() => {
    const up = () => (dragging.current = false);
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  const heights = useMemo(() => layout.rows.map((r) => r.height), [layout]);
  const rendered = renderedRows(heights, layout.spans, layout.freezeRows, scroll.top, scroll.height);
  const view = useMemo(
    () => buildGridView(fake, sheet, (i) => i < layout.freezeRows || (i >= rendered.start && i <= rendered.end)),
    // Rebuilt when the window moves (in blocks), not on every scroll.
    [layout, rendered.start, rendered.end],
  );
  const measure = () => {
    const el = gridRef.current;
    if (el) setScroll((s) => (s.top === el.scrollTop && s.height === el.clientHeight ? s : { top: el.scrollTop, height: el.clientHeight }));
  };
  const onScroll = () => {
    cancelAnimationFrame(scrollFrame.current);
    scrollFrame.current = requestAnimationFrame(measure);
  };
  useEffect(() => () => cancelAnimationFrame(scrollFrame.current), []);
  useEffect(measure, [view]);

  // The add-in may select a cell (clicking an issue): scroll it into view. A row outside the
  // rendered window is scrolled to by its offset; the window then follows the scroll.
  useEffect(() => {
    const el = gridRef.current?.querySelector<HTMLElement>(`[data-address="${a1(sel.top, sel.left)}"]`);
    if (el) {
      el.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
      return;
    }
    const grid = gridRef.current;
    const index = view.rows.findIndex((r) => r.row === sel.top);
    if (!grid || index < 0) return;
    let y = HEADER_HEIGHT;
    let frozen = 0;
    for (let i = 0; i < index; i++) {
      if (i < view.freezeRows) frozen += heights[i];
      y += heights[i];
    }
    grid.scrollTop = Math.max(0, y - HEADER_HEIGHT - frozen - grid.clientHeight / 3);
    measure();
  }, [sel.top, sel.left, sheet]);

  const select = (box: Box) => {
    wb.select(sheet, box);
    setBarText(undefined);
    setMessage('');
    onChanged();
  };

  const selectCell = (row: number, col: number, extend: boolean) => {
    const r = Math.max(1, row);
    const c = Math.max(1, col);
    if (!extend) anchor.current = { row: r, col: c };
    const a = anchor.current;
    select({ top: Math.min(a.row, r), bottom: Math.max(a.row, r), left: Math.min(a.col, c), right: Math.max(a.col, c) });
  };

  /** Types into cells as a user would; the first refusal (protected cell, validation alert) is shown. */
  const typeCells = (entries: Array<{ row: number; col: number; text: string }>, paste: boolean): boolean => {
    let refused: string | undefined;
    let warning: string | undefined;
    for (const e of entries) {
      const r = fake.typeInto(sheet.name, a1(e.row, e.col), e.text, { paste });
      if (!r.ok) refused ??= r.message;
      else if (r.warning) warning ??= r.warning;
    }
    setMessage(refused ?? warning ?? '');
    onChanged();
    return refused === undefined;
  };

  const commit = (row: number, col: number, text: string): boolean => typeCells([{ row, col, text }], false);

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing) return;
    e.preventDefault();
    const rows = parseClipboard(e.clipboardData.getData('text/plain'));
    typeCells(
      rows.flatMap((cells, r) => cells.map((text, c) => ({ row: active.row + r, col: active.col + c, text }))),
      true,
    );
  };

  const finishEdit = (move: { dr: number; dc: number } | undefined) => {
    if (!editing) return;
    const ok = commit(editing.row, editing.col, editing.text);
    setEditing(undefined);
    if (ok && move) selectCell(editing.row + move.dr, editing.col + move.dc, false);
    gridRef.current?.focus();
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Enter: [1, 0], Tab: [0, 1] };
    const mv = moves[e.key];
    if (mv) {
      e.preventDefault();
      const extend = e.shiftKey && e.key.startsWith('Arrow');
      const from = extend ? { row: anchor.current.row === sel.top ? sel.bottom : sel.top, col: anchor.current.col === sel.left ? sel.right : sel.left } : active;
      selectCell(from.row + mv[0], from.col + mv[1], extend);
      return;
    }
    if (e.key === 'F2') {
      e.preventDefault();
      setEditing({ ...active, text: formulaBarText(fake, sheet, active.row, active.col) });
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      const cleared: Array<{ row: number; col: number; text: string }> = [];
      for (let row = sel.top; row <= sel.bottom; row++) for (let col = sel.left; col <= sel.right; col++) cleared.push({ row, col, text: '' });
      typeCells(cleared, true);
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setEditing({ ...active, text: e.key });
    }
  };

  const onCellMouseDown = (e: MouseEvent, c: CellView) => {
    if (editing && (editing.row !== c.row || editing.col !== c.col)) finishEdit(undefined);
    dragging.current = true;
    selectCell(c.row, c.col, e.shiftKey);
    gridRef.current?.focus();
  };

  const bar = barText ?? formulaBarText(fake, sheet, active.row, active.col);
  const frozenTop = useMemo(() => {
    const tops: number[] = [];
    let y = HEADER_HEIGHT;
    for (const r of view.rows.slice(0, view.freezeRows)) {
      tops.push(y);
      y += r.height;
    }
    return tops;
  }, [view]);
  const frozenLeft = useMemo(() => {
    const lefts: number[] = [];
    let x = ROW_HEADER_WIDTH;
    for (const c of view.columns.slice(0, view.freezeColumns)) {
      lefts.push(x);
      x += c.width;
    }
    return lefts;
  }, [view]);
  const visibleSheets = wb.sheets.filter((s) => s.visibility === 'Visible');
  const prompt = view.rows[active.row - 1]?.cells.find((c) => c.col === active.col)?.note;

  return (
    <div className="grid-root">
      <div className="formula-bar">
        <span className="name-box" aria-label="名称框 / Name box" data-testid="name-box">
          {rangeA1(sel)}
        </span>
        <span className="fx" aria-hidden>
          fx
        </span>
        <input
          className="formula-input"
          aria-label="编辑栏 / Formula bar"
          value={bar}
          onChange={(e) => setBarText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (commit(active.row, active.col, bar)) setBarText(undefined);
              gridRef.current?.focus();
            } else if (e.key === 'Escape') {
              setBarText(undefined);
              gridRef.current?.focus();
            }
          }}
        />
      </div>
      <div className="grid-scroll" ref={gridRef} tabIndex={0} onKeyDown={onGridKey} onPaste={onPaste} aria-label={`工作表 ${view.sheet} / Sheet ${view.sheet}`} role="region" onScroll={onScroll}>
        <table className="grid" role="grid" aria-label={view.sheet} aria-readonly={false}>
          <colgroup>
            <col style={{ width: ROW_HEADER_WIDTH }} />
            {view.columns.map((c) => (
              <col key={c.col} style={{ width: c.width }} />
            ))}
          </colgroup>
          <thead>
            <tr style={{ height: HEADER_HEIGHT }}>
              <th className="corner" scope="col" aria-label="行号 / Row" />
              {view.columns.map((c, i) => (
                <th
                  key={c.col}
                  scope="col"
                  className={`col-header${c.col >= sel.left && c.col <= sel.right ? ' hl' : ''}`}
                  style={i < view.freezeColumns ? { left: frozenLeft[i], zIndex: 4 } : undefined}
                >
                  {c.letter}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r, ri) => {
              const frozenRow = ri < view.freezeRows;
              if (!frozenRow && (ri < rendered.start || ri > rendered.end)) {
                // One spacer row for each run of rows left out, as tall as they are.
                if (ri !== rendered.end + 1 && ri !== view.freezeRows) return null;
                const last = ri === view.freezeRows ? rendered.start - 1 : view.rows.length - 1;
                let h = 0;
                for (let i = ri; i <= last; i++) h += heights[i];
                return h > 0 ? <tr key={`gap-${ri}`} className="grid-gap" aria-hidden style={{ height: h }} /> : null;
              }
              return (
                <tr key={r.row} style={{ height: r.height }}>
                  <th
                    scope="row"
                    className={`row-header${r.row >= sel.top && r.row <= sel.bottom ? ' hl' : ''}`}
                    style={frozenRow ? { top: frozenTop[ri], zIndex: 4 } : undefined}
                  >
                    {r.row}
                  </th>
                  {r.cells.map((c, ci) => {
                    if (c.covered) return null;
                    const isEditing = editing && editing.row === c.row && editing.col === c.col;
                    const frozenCol = ci < view.freezeColumns;
                    const style: CSSProperties = {
                      background: c.fill,
                      color: c.color,
                      fontWeight: c.bold ? 600 : undefined,
                      fontStyle: c.italic ? 'italic' : undefined,
                      textAlign: c.hAlign ?? (c.numeric || c.error ? 'right' : 'left'),
                      verticalAlign: c.vAlign ?? 'bottom',
                      whiteSpace: c.wrap ? 'normal' : 'nowrap',
                      paddingLeft: c.indent ? 3 + c.indent * 9 : undefined,
                      borderTop: c.borders.top,
                      borderBottom: c.borders.bottom,
                      borderLeft: c.borders.left,
                      borderRight: c.borders.right,
                    };
                    if (frozenRow || frozenCol) {
                      style.position = 'sticky';
                      style.zIndex = frozenRow && frozenCol ? 3 : 2;
                      style.background = c.fill ?? '#ffffff';
                      if (frozenRow) style.top = frozenTop[ri];
                      if (frozenCol) style.left = frozenLeft[ci];
                    }
                    return (
                      <td
                        key={c.col}
                        id={`cell-${c.address}`}
                        data-address={c.address}
                        data-locked={c.locked ? 'true' : 'false'}
                        rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
                        colSpan={c.colSpan > 1 ? c.colSpan : undefined}
                        aria-selected={c.selected}
                        className={`cell${c.selected ? ' sel' : ''}${c.row === active.row && c.col === active.col ? ' active' : ''}${!c.locked ? ' input' : ''}`}
                        style={style}
                        title={c.note}
                        onMouseDown={(e) => onCellMouseDown(e, c)}
                        onMouseEnter={() => dragging.current && selectCell(c.row, c.col, true)}
                        onDoubleClick={() => setEditing({ row: c.row, col: c.col, text: formulaBarText(fake, sheet, c.row, c.col) })}
                      >
                        {isEditing ? (
                          <input
                            className="cell-editor"
                            aria-label={`编辑 ${c.address} / Edit ${c.address}`}
                            autoFocus
                            value={editing.text}
                            onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                            onBlur={() => finishEdit(undefined)}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter' || e.key === 'Tab') {
                                e.preventDefault();
                                e.stopPropagation();
                                finishEdit(e.key === 'Enter' ? { dr: e.shiftKey ? -1 : 1, dc: 0 } : { dr: 0, dc: e.shiftKey ? -1 : 1 });
                              } else if (e.key === 'Escape') {
                                e.preventDefault();
                                e.stopPropagation();
                                setEditing(undefined);
                                gridRef.current?.focus();
                              }
                            }}
                          />
                        ) : (
                          c.text
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
        {view.truncated && <div className="truncated">预览只显示前 {view.rows.length} 行 / The preview shows the first {view.rows.length} rows</div>}
      </div>
      <div className="grid-status" role="status" aria-live="polite">
        {message ? <span className="grid-error">{message}</span> : prompt ? <span className="grid-prompt">{prompt}</span> : <span>{view.protected ? '工作表已保护 / Sheet protected' : '\u00a0'}</span>}
      </div>
      <div className="sheet-tabs" role="tablist" aria-label="工作表 / Sheets">
        {visibleSheets.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            aria-selected={s === sheet}
            className={`sheet-tab${s === sheet ? ' on' : ''}`}
            style={s.tabColor ? { borderBottomColor: s.tabColor } : undefined}
            onClick={() => {
              wb.activate(s);
              setEditing(undefined);
              setMessage('');
              onChanged();
            }}
          >
            {s.name}
          </button>
        ))}
      </div>
    </div>
  );
}
