/**
 * Returns already sent out must keep validating: a shipped plan never changes under the same
 * version, and the templates never change under the same TEMPLATE_VERSION (seeds/versions.json,
 * written by `npm run versions`). When this fails, raise the version named in the message.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compareVersions, type VersionRecord } from '../../../src/core/template/fingerprint';
import { TEMPLATE_VERSION } from '../../../src/core/template/spec';
import { loadShippedPlans } from '../../../src/node/seeds';
import { minimalPlan } from '../../fixtures/plans';
import { parsePlan } from '../../../src/core/plan/parse';

const record = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'seeds', 'versions.json'), 'utf8')) as VersionRecord;

test('every shipped plan version and the current templates are recorded, and none changed in place', () => {
  const { problems } = compareVersions(loadShippedPlans(), record);
  expect(problems.map((p) => `${p.kind} ${p.key}`)).toEqual([]);
  expect(Object.keys(record.templates)).toContain(TEMPLATE_VERSION);
});

test('a plan edited under the same version, or a template changed under the same TEMPLATE_VERSION, is caught', () => {
  const plan = parsePlan(minimalPlan());
  const { next } = compareVersions([plan], { plans: {}, templates: {} });
  expect(compareVersions([plan], next).problems).toEqual([]);

  const edited = { ...plan, title: { ...plan.title, zh: `${plan.title.zh}（修订）` } };
  const kinds = compareVersions([edited], next).problems.map((p) => p.kind);
  expect(kinds).toContain('plan-changed');

  // Same plan, a different template recorded for this TEMPLATE_VERSION: the layout changed in place.
  const key = `${plan.id}@${plan.version}`;
  const tampered: VersionRecord = { plans: next.plans, templates: { [TEMPLATE_VERSION]: { [key]: 'sha256:0' } } };
  expect(compareVersions([plan], tampered).problems).toEqual([expect.objectContaining({ kind: 'template-changed', key: `template ${TEMPLATE_VERSION} × ${key}` })]);

  // A new version is new, not a change.
  const bumped = { ...edited, version: '1.0.1' };
  expect(compareVersions([bumped], next).problems.map((p) => p.kind)).toEqual(['unrecorded', 'unrecorded']);
});

test('history is kept: the 阳江 version returns were made from before its links were added is still recorded', () => {
  expect(Object.keys(record.plans['yangjiang-2021-2025'] ?? {})).toEqual(expect.arrayContaining(['1.0.0', '1.1.0']));
});
