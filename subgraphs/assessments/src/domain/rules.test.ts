import { decideCertification } from './certification';
import { decideLifecycle } from './lifecycle';
import { parsePeriod } from './period';
import { bonusFor, checkScores, gradeFor, totalScore } from './scoring';
import { pickForSpotCheck } from './spotCheck';

const items = [
  { id: 'a', name: '志愿者人数', maxScore: 10, weight: 1.5 },
  { id: 'b', name: '群众满意度', maxScore: 10, weight: 2 },
];

describe('scoring', () => {
  it('when items are scored, then the total is Σ score × weight and unscored items count 0', () => {
    expect(
      totalScore(
        items,
        new Map([
          ['a', 8],
          ['b', 9.5],
        ]),
      ),
    ).toBe(31);
    expect(totalScore(items, new Map([['b', 5]]))).toBe(10);
  });

  it('when scores are checked, then bounds, unknown, repeated and (when complete) missing items are refused', () => {
    expect(
      checkScores(
        items,
        [
          { itemId: 'b', score: 10, evidence: ' 回访 ' },
          { itemId: 'a', score: 0, evidence: null },
        ],
        true,
      ),
    ).toEqual([
      { itemId: 'a', score: 0, evidence: null },
      { itemId: 'b', score: 10, evidence: '回访' },
    ]);
    expect(() => checkScores(items, [{ itemId: 'a', score: 10.01, evidence: null }], false)).toThrow(/between 0 and 10/);
    expect(() => checkScores(items, [{ itemId: 'a', score: -0.01, evidence: null }], false)).toThrow(/between 0 and 10/);
    expect(() => checkScores(items, [{ itemId: 'z', score: 1, evidence: null }], false)).toThrow(/not an item/);
    expect(() =>
      checkScores(
        items,
        [
          { itemId: 'a', score: 1, evidence: null },
          { itemId: 'a', score: 2, evidence: null },
        ],
        false,
      ),
    ).toThrow(/twice/);
    expect(() => checkScores(items, [{ itemId: 'a', score: 1, evidence: null }], true)).toThrow(/missing: 群众满意度/);
    expect(checkScores(items, [{ itemId: 'a', score: 1, evidence: null }], false)).toHaveLength(1);
  });

  it('when a total is graded, then the highest grade reached counts, or none', () => {
    const grades = [
      { grade: '3A', minScore: 70 },
      { grade: '5A', minScore: 90 },
      { grade: '4A', minScore: 80 },
    ];
    expect([95, 90, 89.99, 70, 69.5].map((t) => gradeFor(grades, t))).toEqual(['5A', '5A', '4A', '3A', null]);
    expect(
      [91, 85, 79].map((t) =>
        bonusFor(
          [
            { minScore: 90, points: 2 },
            { minScore: 80, points: 1 },
          ],
          t,
        ),
      ),
    ).toEqual([2, 1, 0]);
  });
});

describe('lifecycle', () => {
  it('when each step meets each status, then only DRAFT → SUBMITTED → FINAL goes and repeats are harmless', () => {
    expect(decideLifecycle('SUBMIT', 'DRAFT')).toEqual({ kind: 'go', status: 'SUBMITTED' });
    expect(decideLifecycle('SUBMIT', 'FINAL')).toEqual({ kind: 'already' });
    expect(decideLifecycle('FINALIZE', 'SUBMITTED')).toEqual({ kind: 'go', status: 'FINAL' });
    expect(decideLifecycle('FINALIZE', 'FINAL')).toEqual({ kind: 'already' });
    expect(decideLifecycle('FINALIZE', 'DRAFT').kind).toBe('refuse');
    expect(decideLifecycle('CORRECT', 'SUBMITTED').kind).toBe('go');
    expect(decideLifecycle('CORRECT', 'DRAFT').kind).toBe('refuse');
    expect(decideLifecycle('CORRECT', 'FINAL').kind).toBe('refuse');
    expect(decideLifecycle('SCORE_DRAFT', 'SUBMITTED').kind).toBe('refuse');
  });
});

describe('certification', () => {
  const at = (day: number) => new Date(Date.UTC(2026, 0, day));
  const facts = { threshold: 85, submittedAt: at(10) };
  it('when a final evaluation is decided, then reaching the threshold certifies and only a failed check after the plaque suspends', () => {
    expect(decideCertification({ ...facts, kind: 'ROUTINE', total: 85, certifiedAt: null })).toBe('CERTIFY');
    expect(decideCertification({ ...facts, kind: 'ROUTINE', total: 84.99, certifiedAt: null })).toBe('NONE');
    expect(decideCertification({ ...facts, kind: 'SPOT_CHECK', total: 70, certifiedAt: at(1) })).toBe('SUSPEND');
    expect(decideCertification({ ...facts, kind: 'UNANNOUNCED_VISIT', total: 70, certifiedAt: at(1) })).toBe('SUSPEND');
    expect(decideCertification({ ...facts, kind: 'SPOT_CHECK', total: 70, certifiedAt: at(20) })).toBe('NONE');
    expect(decideCertification({ ...facts, kind: 'ROUTINE', total: 70, certifiedAt: at(1) })).toBe('NONE');
    expect(decideCertification({ ...facts, kind: 'SPOT_CHECK', total: 90, certifiedAt: at(1) })).toBe('NONE');
    expect(decideCertification({ ...facts, kind: 'ROUTINE', total: 90, certifiedAt: at(1) })).toBe('NONE');
  });

  it('when a spot check or unannounced visit passes a station without a plaque, then it certifies nothing: only an evaluation does', () => {
    expect(decideCertification({ ...facts, kind: 'SPOT_CHECK', total: 95, certifiedAt: null })).toBe('NONE');
    expect(decideCertification({ ...facts, kind: 'UNANNOUNCED_VISIT', total: 85, certifiedAt: null })).toBe('NONE');
    expect(decideCertification({ ...facts, kind: 'SPOT_CHECK', total: 70, certifiedAt: null })).toBe('NONE');
  });
});

describe('spot-check planning', () => {
  const ids = Array.from({ length: 20 }, (_, i) => `station-${String(i).padStart(2, '0')}`);
  it('when the same seed draws from the same stations in any order, then the same stations are picked', () => {
    const picked = pickForSpotCheck(ids, 5, 42);
    expect(pickForSpotCheck([...ids].reverse(), 5, 42)).toEqual(picked);
    expect(new Set(picked).size).toBe(5);
    expect(pickForSpotCheck(ids, 5, 43)).not.toEqual(picked);
    expect(pickForSpotCheck(ids.slice(0, 3), 5, 42).sort()).toEqual(ids.slice(0, 3));
  });
});

describe('period', () => {
  it('when a period is given, then years, halves, quarters and months pass and the default is the current quarter in China', () => {
    expect(['2025', '2025-H2', '2025-Q4', '2025-11'].map((p) => parsePeriod(p))).toEqual(['2025', '2025-H2', '2025-Q4', '2025-11']);
    expect(() => parsePeriod('2025-13')).toThrow();
    expect(parsePeriod(null, new Date('2025-12-31T17:00:00Z'))).toBe('2026-Q1');
  });
});
