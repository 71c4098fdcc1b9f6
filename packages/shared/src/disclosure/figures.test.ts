import { countCells, protectedCounts, withholdCells, type CountShape } from './figures';

const SHAPE: CountShape = { counts: ['stations', 'openOrders'], publicEntities: ['stations'] };

describe('counts of public entities in a shape', () => {
  it('when a shape declares a count of public entities, then it is neither weighed nor withheld; the others are', () => {
    expect(protectedCounts(SHAPE)).toEqual(['openOrders']);
    expect(countCells({ stations: 2, openOrders: 1 }, SHAPE)).toEqual(new Map([['openOrders', 1]]));
    // even named among the withheld cells, a public count is shown
    expect(withholdCells({ stations: 2, openOrders: 1 }, SHAPE, new Set(['stations', 'openOrders']))).toEqual({
      stations: 2,
      openOrders: null,
      suppressed: ['openOrders'],
    });
  });

  it('when a shape declares none, then every count is protected', () => {
    const shape: CountShape = { counts: ['elders', 'openRequests'] };
    expect(protectedCounts(shape)).toEqual(['elders', 'openRequests']);
    expect(withholdCells({ elders: 1, openRequests: 9 }, shape, new Set(['elders']))).toEqual({ elders: null, openRequests: 9, suppressed: ['elders'] });
  });
});
