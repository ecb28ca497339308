/**
 * Importing a plan file: JSON checked by the plan schema; every problem is listed with its JSON
 * path so the author can find it. A valid plan joins the registry (replacing one of the same id).
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUpload20Regular } from '@fluentui/react-icons';
import { useRef, useState, type ChangeEvent } from 'react';
import { PLAN_LIMITS } from '../../../core/plan/limits';
import type { PlanIssue } from '../../../core/plan/parse';
import { indicatorCount } from '../../../core/plan/registry';
import { useLayout } from '../../app/layout';
import { useApp } from '../../app/store';
import { importPlanBytes } from '../../app/userPlans';
import { useText } from '../../i18n/text';

/** Problems listed in the pane; the rest are counted (a broken file can have hundreds). */
const SHOWN_ISSUES = 8;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
  issues: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  hidden: { display: 'none' },
});

type Outcome =
  | { ok: true; title: string; n: number; replaced: string | undefined }
  | { ok: false; file: string; issues: PlanIssue[] };

export function ImportPlan() {
  const { env, dispatch } = useApp();
  const { t, p } = useText();
  const l = useLayout();
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file may be chosen again after it is fixed
    if (!file) return;
    if (file.size > PLAN_LIMITS.maxBytes) {
      setOutcome({
        ok: false,
        file: file.name,
        issues: [{ path: '$', message: { zh: `文件过大（${file.size} 字节，上限 ${PLAN_LIMITS.maxBytes}）`, en: `file too large (${file.size} bytes, limit ${PLAN_LIMITS.maxBytes})` } }],
      });
      return;
    }
    const r = await importPlanBytes(env.registry, new Uint8Array(await file.arrayBuffer()));
    if (r.ok) {
      setOutcome({ ok: true, title: p(r.plan.title), n: indicatorCount(r.plan), replaced: r.replaced ? r.plan.id : undefined });
      dispatch({ type: 'plansChanged', planId: r.plan.id });
    } else {
      setOutcome({ ok: false, file: file.name, issues: r.issues });
    }
  };

  return (
    <div className={s.root}>
      <input ref={input} className={s.hidden} type="file" accept=".json,application/json" onChange={onFile} aria-label={t('importPlan')} tabIndex={-1} />
      <div>
        <Button icon={<ArrowUpload20Regular />} onClick={() => input.current?.click()}>
          {t('importPlan')}
        </Button>
      </div>
      <div className={l.secondary}>{t('importHint')}</div>
      {outcome?.ok === true && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            {t('importOk', { title: outcome.title, n: outcome.n })} {outcome.replaced && t('importReplaced', { id: outcome.replaced })}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.ok === false && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('importFailed', { file: outcome.file })}</MessageBarTitle>
            <ul className={s.issues}>
              {outcome.issues.slice(0, SHOWN_ISSUES).map((issue, i) => (
                <li key={i}>
                  <span className={s.path}>{issue.path}</span> {p(issue.message)}
                </li>
              ))}
            </ul>
            {outcome.issues.length > SHOWN_ISSUES && t('importMore', { n: outcome.issues.length - SHOWN_ISSUES })}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
