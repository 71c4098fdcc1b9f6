import { cityPartitionsSql, FUJIAN_CITY_CODES, monthlyPartitionFunctionsSql } from './partitions';

describe('the partitions of a table', () => {
  it("when a table is ranged by city, then each city's partition runs from its code to the next, and a DEFAULT takes the rest", () => {
    const sql = cityPartitionsSql('elder_care', 'service_request');
    expect(sql).toHaveLength(FUJIAN_CITY_CODES.length + 1);
    expect(sql[0]).toBe(`CREATE TABLE elder_care.service_request_3501 PARTITION OF elder_care.service_request FOR VALUES FROM ('3501') TO ('3502')`);
    expect(sql[8]).toMatch(/_3509 .* FROM \('3509'\) TO \('3510'\)$/);
    expect(sql[9]).toBe(`CREATE TABLE elder_care.service_request_default PARTITION OF elder_care.service_request DEFAULT`);
  });

  it('when a name is not a plain identifier or a city not a city code, then no SQL is made', () => {
    expect(() => cityPartitionsSql('elder_care', 'x; DROP TABLE y')).toThrow(/identifier/);
    expect(() => cityPartitionsSql('elder_care', 'x', ['35010'])).toThrow(/city code/);
    expect(() => monthlyPartitionFunctionsSql({ schema: 's', table: 't', column: 'at', localUnique: [['a"b']] })).toThrow(/identifier/);
    expect(() => monthlyPartitionFunctionsSql({ schema: 's', table: 't', column: 'at', retentionMonths: 0 })).toThrow(/retention/);
  });

  it('when a monthly table keeps no retention, then it has no function that drops months', () => {
    expect(monthlyPartitionFunctionsSql({ schema: 's', table: 't', column: 'at' })).toHaveLength(1);
    expect(monthlyPartitionFunctionsSql({ schema: 's', table: 't', column: 'at', retentionMonths: 36 })[1]).toMatch(/interval '36 months'/);
  });
});
