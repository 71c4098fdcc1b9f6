import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { ClockedCache, WriteCounts } from '../src/plugins/responseCache';

describe('the response cache parts', () => {
  it('expires an entry by its own clock, and keeps nothing without a maxAge', async () => {
    let now = Date.parse('2026-11-23T02:00:00Z');
    const cache = new ClockedCache(() => new Date(now), new InMemoryLRUCache<string>());
    await cache.set('a', 'answer: with a colon', { ttl: 30 });
    await cache.set('b', 'never', { ttl: 0 });
    await cache.set('c', 'never');
    now += 29_999;
    expect(await cache.get('a')).toBe('answer: with a colon');
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c')).toBeUndefined();
    now += 1;
    expect(await cache.get('a')).toBeUndefined();
  });

  it("numbers a caller's writes so that no entry made before its last write is read again, also once it is let go", () => {
    const writes = new WriteCounts(2);
    expect(writes.of('officer')).toBe(0);
    writes.add('officer');
    const afterWrite = writes.of('officer');
    expect(afterWrite).toBeGreaterThan(0);
    writes.add('someone');
    writes.add('another'); // the officer is let go
    expect(writes.of('officer')).toBeGreaterThanOrEqual(afterWrite);
    expect(writes.of('officer')).not.toBe(0);
    writes.add('officer');
    expect(writes.of('officer')).toBeGreaterThan(afterWrite);
  });
});
