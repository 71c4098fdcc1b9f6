import { maySeeDataSubject } from './dataReport';
import type { Identity } from './auth/identity';

const PERSON = 'a0000000-0000-4000-8000-00000000000a';
const subject = { personId: PERSON, regionCode: '350105001001' };
const who = (roles: Identity['roles'], region: string | null, sub = 'b0000000-0000-4000-8000-00000000000b'): Identity => ({ sub, roles, region });

describe("who may see a person's data report or erase them", () => {
  it('when the person asks as themselves, whatever their role and in any case of their id, then yes', () => {
    expect(maySeeDataSubject(who(['VOLUNTEER'], null, PERSON), subject)).toBe(true);
    expect(maySeeDataSubject(who(['ANALYST'], '35', PERSON.toUpperCase()), subject)).toBe(true);
  });
  it('when a city administrator or the district officer of their home asks, then yes; another district, a station manager, an analyst, no', () => {
    expect(maySeeDataSubject(who(['CITY_ADMIN'], '35'), subject)).toBe(true);
    expect(maySeeDataSubject(who(['DISTRICT_OFFICER'], '350105'), subject)).toBe(true);
    expect(maySeeDataSubject(who(['DISTRICT_OFFICER'], '350102'), subject)).toBe(false);
    expect(maySeeDataSubject(who(['STATION_MANAGER'], '350105'), subject)).toBe(false);
    expect(maySeeDataSubject(who(['ANALYST'], '35'), subject)).toBe(false);
    expect(maySeeDataSubject({ sub: null, roles: [], region: null }, subject)).toBe(false);
  });
});
