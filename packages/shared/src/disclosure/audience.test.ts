import { ANONYMOUS, type Identity } from '../auth/identity';
import { disclosureAudience, seesExactFigures } from './audience';

const as = (roles: Identity['roles'], region: string | null = null): Identity => ({
  sub: 'e0000000-0000-4000-8000-000000000001',
  roles,
  region,
  partner: null,
});

describe('disclosureAudience', () => {
  it('is public for everyone who sees no exact figures, and names the region of those who do', () => {
    expect(disclosureAudience(ANONYMOUS)).toBe('public');
    expect(disclosureAudience(as(['ANALYST'], '35'))).toBe('public');
    expect(disclosureAudience(as(['VOLUNTEER'], '350105001001'))).toBe('public');
    expect(disclosureAudience(as(['PARTNER'], '350105'))).toBe('public');
    expect(disclosureAudience(as(['DISTRICT_OFFICER']))).toBe('public');
    expect(disclosureAudience(as(['DISTRICT_OFFICER'], '350105'))).toBe('exact:350105');
    expect(disclosureAudience(as(['STATION_MANAGER'], '350504'))).toBe('exact:350504');
    expect(disclosureAudience(as(['CITY_ADMIN']))).toBe('exact:*');
  });

  it('puts callers in one audience only when they see the same regions exact', () => {
    const callers = [
      ANONYMOUS,
      as(['ANALYST'], '35'),
      as(['DISTRICT_OFFICER'], '350105'),
      as(['STATION_MANAGER'], '350105'),
      as(['DISTRICT_OFFICER'], '350504'),
      as(['CITY_ADMIN']),
    ];
    const regions = ['35', '3501', '350105', '350105001', '350504', '350504100'];
    for (const a of callers) {
      for (const b of callers) {
        if (disclosureAudience(a) !== disclosureAudience(b)) continue;
        for (const region of regions) expect(seesExactFigures(a, region)).toBe(seesExactFigures(b, region));
      }
    }
  });
});
