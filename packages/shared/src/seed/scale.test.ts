import { seedDraw, seedIds, seededVolunteers } from './scale';

describe('the scaled seeds’ draws', () => {
  it('when ids are drawn for many communities, then none repeats, and the same seed and key give the same ids', () => {
    const ids = new Set<string>();
    for (let community = 0; community < 10_000; community++) {
      const next = seedIds(7, `3505${String(community).padStart(8, '0')}`);
      for (let n = 0; n < 20; n++) ids.add(next());
    }
    expect(ids.size).toBe(200_000);
    const again = seedIds(7, '350500000001');
    const once = seedIds(7, '350500000001');
    expect([again(), again()]).toEqual([once(), once()]);
    expect(again()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('when volunteers are chosen, then veterans and station volunteers are different people, near the counts asked, each by their own draw', () => {
    const people = Array.from({ length: 20_000 }, (_, i) => ({
      id: `p${i}`,
      gender: 'MALE' as const,
      birthDate: `${1930 + (i % 80)}-01-01`,
      regionCode: '350504001001',
    }));
    const scale = { veterans: 3_000, stationVolunteers: 1_000, stationShare: 0 };
    const veterans = seededVolunteers({ people }, 5, scale, 'veterans');
    const volunteers = seededVolunteers({ people }, 5, scale, 'stationVolunteers');
    expect(Math.abs(veterans.length - 3_000)).toBeLessThan(200);
    expect(Math.abs(volunteers.length - 1_000)).toBeLessThan(120);
    const ids = new Set(veterans.map((p) => p.id));
    expect(volunteers.filter((p) => ids.has(p.id))).toEqual([]);
    expect(veterans.every((p) => +p.birthDate.slice(0, 4) >= 1956 && +p.birthDate.slice(0, 4) <= 1998)).toBe(true);
    // A person's draw is theirs: dropping others from the directory does not change whether they are chosen.
    expect(seededVolunteers({ people: people.slice(0, 10_000) }, 5, { ...scale, veterans: 1_500 }, 'veterans').map((p) => p.id)).toEqual(
      veterans.filter((p) => +p.id.slice(1) < 10_000).map((p) => p.id),
    );
    expect(seedDraw(5, 'p1')).toBe(seedDraw(5, 'p1'));
  });
});
