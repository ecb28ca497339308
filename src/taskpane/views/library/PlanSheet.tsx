/**
 * Plans written in the workbook: 从工作表导入计划 reads the definition sheets of the open workbook
 * (a workbook from `plan-template`/`plan-export`, or one 导出计划 wrote) through the core, lists
 * every problem by sheet and cell, and on success adds the plan to the library and keeps it in the
 * workbook, so templates made from it carry it to every school. 导出计划 writes a plan's
 * definition sheets into the open workbook for review and editing.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, TableArrowUp20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { Bilingual } from '../../../core/i18n/text';
import { formatDefinitionIssue, planToDefinition, type DefinitionIssue } from '../../../core/plan-definition';
import { indicatorCount } from '../../../core/plan/registry';
import type { Plan } from '../../../core/plan/schema';
import { ExcelTaskError } from '../../../excel/errors';
import { readPlanDefinition, readStoredPlan, storePlanInWorkbook, writePlanDefinition } from '../../../excel/plan-definition';
import { useLayout } from '../../app/layout';
import { useApp } from '../../app/store';
import { addUserPlan } from '../../app/userPlans';
import { useText } from '../../i18n/text';

/** Problems listed in the pane; the rest are counted. */
const SHOWN_ISSUES = 10;

const TEXT = {
  importSheet: { zh: '从工作表导入计划', en: 'Import a plan from the sheets' },
  importSheetHint: {
    zh: '读取本工作簿中的计划定义工作表（计划、分组、输入项、指标…），每个问题注明工作表和单元格。',
    en: 'Reads the plan definition sheets of this workbook (计划, 分组, 输入项, 指标 …); every problem names its sheet and cell.',
  },
  notDefinition: {
    zh: '本工作簿中没有计划定义工作表（需要“计划”和“指标”表）。可先用“导出计划”或命令 plan-template 生成。',
    en: 'This workbook has no plan definition sheets (计划 and 指标 are needed). Create them with 导出计划 or the plan-template command.',
  },
  failed: { zh: '计划定义有误，未导入', en: 'The plan definition has problems; nothing was imported' },
  more: { zh: '另有 {n} 个问题', en: '{n} more problems' },
  imported: { zh: '已导入「{title}」（{n} 个指标），并保存在本工作簿中。', en: 'Imported "{title}" ({n} indicators) and kept it in this workbook.' },
  exportSheet: { zh: '导出计划到工作表', en: 'Export the plan to sheets' },
  exported: { zh: '已写入 {n} 张计划定义工作表，可修改后“从工作表导入计划”。', en: 'Wrote {n} plan definition sheets; edit them, then import the plan from the sheets.' },
} satisfies Record<string, Bilingual>;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
  issues: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

type Outcome = { intent: 'success' | 'warning' | 'error'; text: string; issues?: DefinitionIssue[] };

function errorText(e: unknown): Bilingual {
  if (e instanceof ExcelTaskError) return e.text;
  const m = e instanceof Error ? e.message : String(e);
  return { zh: m, en: m };
}

/** 从工作表导入计划, under the plan list. */
export function ImportPlanFromSheet() {
  const { env, dispatch } = useApp();
  const { p, lang } = useText();
  const l = useLayout();
  const s = useStyles();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  // A plan imported into this workbook earlier (perhaps on another machine) joins the library.
  useEffect(() => {
    let live = true;
    readStoredPlan(env.excel)
      .then((plan) => {
        if (live && plan && env.registry.get(plan.id) === undefined) {
          addUserPlan(env.registry, plan);
          dispatch({ type: 'plansChanged', planId: plan.id });
        }
      })
      .catch(() => undefined); // an older Excel, or no workbook access: nothing to restore
    return () => {
      live = false;
    };
  }, [env.excel, env.registry, dispatch]);
  const run = async () => {
    setBusy(true);
    try {
      const r = await readPlanDefinition(env.excel);
      if (r.ok) {
        addUserPlan(env.registry, r.plan);
        await storePlanInWorkbook(env.excel, r.plan);
        dispatch({ type: 'plansChanged', planId: r.plan.id });
        setOutcome({ intent: 'success', text: p(TEXT.imported).replace('{title}', p(r.plan.title)).replace('{n}', String(indicatorCount(r.plan))) });
      } else if ('notDefinition' in r) setOutcome({ intent: 'warning', text: p(TEXT.notDefinition) });
      else setOutcome({ intent: 'error', text: p(TEXT.failed), issues: r.issues });
    } catch (e) {
      setOutcome({ intent: 'error', text: p(errorText(e)) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={s.root}>
      <div>
        <Button icon={<TableArrowUp20Regular />} onClick={() => void run()} disabled={busy}>
          {p(TEXT.importSheet)}
        </Button>
      </div>
      <div className={l.secondary}>{p(TEXT.importSheetHint)}</div>
      {outcome && (
        <MessageBar intent={outcome.intent} layout="multiline">
          <MessageBarBody>
            {outcome.issues ? <MessageBarTitle>{outcome.text}</MessageBarTitle> : outcome.text}
            {outcome.issues && (
              <ul className={s.issues}>
                {outcome.issues.slice(0, SHOWN_ISSUES).map((issue, i) => (
                  <li key={i}>{formatDefinitionIssue(issue, lang)}</li>
                ))}
              </ul>
            )}
            {outcome.issues && outcome.issues.length > SHOWN_ISSUES && p(TEXT.more).replace('{n}', String(outcome.issues.length - SHOWN_ISSUES))}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** 导出计划到工作表, on a plan's page. */
export function ExportPlanToSheet({ plan }: { plan: Plan }) {
  const { env } = useApp();
  const { p } = useText();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const run = async () => {
    setBusy(true);
    try {
      const r = await writePlanDefinition(env.excel, planToDefinition(plan));
      const warn = r.warnings.map((w) => p(w.message)).join('；');
      setOutcome({ intent: r.warnings.length > 0 ? 'warning' : 'success', text: `${p(TEXT.exported).replace('{n}', String(r.sheets.length))}${warn ? ` ${warn}` : ''}` });
    } catch (e) {
      setOutcome({ intent: 'error', text: p(errorText(e)) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div>
        <Button icon={<ArrowDownload20Regular />} onClick={() => void run()} disabled={busy}>
          {p(TEXT.exportSheet)}
        </Button>
      </div>
      {outcome && (
        <MessageBar intent={outcome.intent} layout="multiline">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
