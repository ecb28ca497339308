/**
 * The validation summary line (pane, review sheet, CLI): the counts that are not zero, in Chinese
 * and English; "0 个已说明" and the like never appear.
 */
import fc from 'fast-check';
import { issueCountPhrases, issueSummaryText } from '../../../src/core/validate';

test('every count, in both languages', () => {
  expect(issueSummaryText({ error: 2, warning: 3, explained: 1, info: 1 }, 'zh-CN')).toBe('2 个错误 · 3 个提示（1 个已说明）· 1 条说明');
  expect(issueSummaryText({ error: 2, warning: 3, explained: 1, info: 1 }, 'en')).toBe('2 errors · 3 warnings (1 explained) · 1 note');
  expect(issueSummaryText({ error: 1, warning: 1, explained: 1, info: 2 }, 'en')).toBe('1 error · 1 warning (1 explained) · 2 notes');
});

test('a count that is zero is left out', () => {
  expect(issueSummaryText({ error: 0, warning: 3, explained: 0, info: 0 }, 'zh-CN')).toBe('3 个提示');
  expect(issueSummaryText({ error: 0, warning: 3, explained: 0, info: 0 }, 'en')).toBe('3 warnings');
  expect(issueSummaryText({ error: 4, warning: 0, info: 1 }, 'zh-CN')).toBe('4 个错误 · 1 条说明');
  expect(issueSummaryText({ error: 0, warning: 0, explained: 0, info: 0 }, 'zh-CN')).toBe('');
  expect(issueCountPhrases({ error: 0, warning: 0, info: 0 }, 'en')).toEqual([]);
});

test('any counts: one phrase per non-zero count, each with its number, never a zero', () => {
  const count = fc.nat({ max: 5000 });
  fc.assert(
    fc.property(count, count, count, count, fc.constantFrom('zh-CN' as const, 'en' as const), (error, warning, extra, info, lang) => {
      const explained = Math.min(extra, warning);
      const phrases = issueCountPhrases({ error, warning, explained, info }, lang);
      expect(phrases).toHaveLength([error, warning, info].filter((n) => n > 0).length);
      const text = issueSummaryText({ error, warning, explained, info }, lang);
      expect(text).not.toMatch(/(^|[^\d.])0 /);
      expect(text).not.toMatch(/（0|\(0/);
      for (const n of [error, warning, info]) if (n > 0) expect(text).toContain(String(n));
      if (explained > 0) expect(text).toContain(lang === 'en' ? `(${explained} explained)` : `（${explained} 个已说明）`);
    }),
  );
});
