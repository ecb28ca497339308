/**
 * The preview host: a strip like Excel's ribbon group (打开面板 / 插入模板 / 校验), the grid view
 * of the fake workbook, and the real task pane at Office's default width of 320 px beside it.
 * Labelled 预览 / Preview everywhere a user could mistake it for Excel.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FakeExcel } from '../../excel/fake';
import { App } from '../app/App';
import { requestNavigation } from '../app/nav';
import type { PaneEnv } from '../app/store';
import { GridView } from './GridView';

export const PANE_WIDTH = 320;

interface Props {
  fake: FakeExcel;
  env: PaneEnv;
  /** Notified after every batch the pane runs (PreviewApp re-reads the grid then). */
  onBatch: (listener: () => void) => () => void;
}

export function PreviewApp({ fake, env, onBatch }: Props) {
  const [version, setVersion] = useState(0);
  const [paneBatches, setPaneBatches] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    const a = fake.subscribe(bump);
    const b = onBatch(() => {
      bump();
      setPaneBatches((n) => n + 1);
    });
    return () => {
      a();
      b();
    };
  }, [fake, onBatch, bump]);

  return (
    <div className="pv">
      <div className="pv-top">
        <span className="pv-badge">预览 PREVIEW</span>
        <span className="pv-title">教育规划指标 · Edu Indicators</span>
        <span className="pv-sub">内存中的工作簿，未连接 Excel · An in-memory workbook, not connected to Excel</span>
      </div>
      <div className="pv-ribbon" role="toolbar" aria-label="功能区 / Ribbon">
        <div className="pv-group">
          <div className="pv-group-buttons">
            <button type="button" className="pv-rbtn" onClick={() => requestNavigation({ view: 'library' })}>
              <img src="assets/icon-32.png" alt="" />
              打开面板
            </button>
            <button type="button" className="pv-rbtn" onClick={() => requestNavigation({ view: 'insert' })}>
              <img src="assets/icon-32.png" alt="" />
              插入模板
            </button>
            <button type="button" className="pv-rbtn" onClick={() => requestNavigation({ view: 'validate', run: 'validate' })}>
              <img src="assets/validate-32.png" alt="" />
              校验
            </button>
          </div>
          <span className="pv-group-label">教育指标</span>
        </div>
      </div>
      <div className="pv-main">
        <section className="pv-book" aria-label="工作簿（预览）/ Workbook (preview)">
          <GridView fake={fake} version={version} paneBatches={paneBatches} onChanged={bump} />
        </section>
        <aside className="pv-pane" style={{ width: PANE_WIDTH }} aria-label="任务窗格 / Task pane" data-testid="task-pane">
          <div className="pv-pane-body">
            <App env={env} />
          </div>
        </aside>
      </div>
    </div>
  );
}
