import { categoryFor, subsidyCents } from './subsidy';

describe('meal subsidy', () => {
  it('when an elder has several conditions, then the most generous category applies', () => {
    expect(categoryFor(['ADVANCED_AGE', 'LIVING_ALONE'])).toBe('LIVING_ALONE');
    expect(categoryFor(['EMPTY_NEST'])).toBe('NONE');
    expect(categoryFor(['ADVANCED_AGE', 'LOW_INCOME', 'DISABLED'])).toBe('LOW_INCOME');
  });

  it('when the subsidy is more than the meal, then the elder pays nothing and the subsidy is the price', () => {
    expect(subsidyCents('LOW_INCOME', 1200)).toBe(800);
    expect(subsidyCents('LOW_INCOME', 650)).toBe(650);
    expect(subsidyCents('NONE', 1200)).toBe(0);
  });
});
