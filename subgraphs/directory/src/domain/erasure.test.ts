import { ageOf, yearOfBirth } from './erasure';

describe('the age of a person, kept and erased', () => {
  it('when the date of birth is kept, then the age is exact; once erased, from the year kept alone', () => {
    expect(ageOf({ birthDate: '1948-09-02', birthYear: null }, '2026-09-01')).toBe(77);
    expect(ageOf({ birthDate: null, birthYear: 1948 }, '2026-09-01')).toBe(78);
    expect(yearOfBirth({ birthDate: '1948-09-02', birthYear: null })).toBe(1948);
    expect(yearOfBirth({ birthDate: null, birthYear: 1948 })).toBe(1948);
  });
});
