import { checkInCodes, type CheckInPlace } from './code';

const STATION: CheckInPlace = { kind: 'STATION', id: '7d0f5c1e-2b1a-4c57-9a43-3b1f2a1d9e01' };
const OTHER: CheckInPlace = { kind: 'STATION', id: '7d0f5c1e-2b1a-4c57-9a43-3b1f2a1d9e02' };
const SECRET = 'a-subgraph-secret-for-the-check-in-code-tests';

/** A clock the test moves: codes depend on nothing else. */
function clock(start = Date.UTC(2026, 11, 2, 1, 0, 0)) {
  let at = start;
  return { now: () => at, move: (ms: number) => (at += ms) };
}

const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  return null;
};

describe('check-in codes', () => {
  it('when a code is verified within its own step, then it is taken', () => {
    const time = clock();
    const codes = checkInCodes(SECRET, time.now);
    const { text } = codes.issue(STATION);
    expect(text).toMatch(/^CIVIC-CHECKIN:STATION:7d0f5c1e-2b1a-4c57-9a43-3b1f2a1d9e01:\d{8}$/);
    expect(refusal(() => codes.verify(STATION, text))).toBeNull();
  });

  it('when 30 seconds pass, then the page shows another code, valid until the next step', () => {
    const time = clock();
    const codes = checkInCodes(SECRET, time.now);
    const first = codes.issue(STATION);
    expect(first.validUntil.getTime()).toBe(time.now() + 30_000);
    time.move(30_000);
    const second = codes.issue(STATION);
    expect(second.text).not.toBe(first.text);
    expect(second.validUntil.getTime()).toBe(first.validUntil.getTime() + 30_000);
  });

  it('when a code is one or two steps old, then it is still taken; three steps old, BAD_USER_INPUT', () => {
    const time = clock();
    const codes = checkInCodes(SECRET, time.now);
    const { text } = codes.issue(STATION);
    time.move(30_000);
    expect(refusal(() => codes.verify(STATION, text))).toBeNull();
    time.move(30_000);
    expect(refusal(() => codes.verify(STATION, text))).toBeNull();
    time.move(30_000);
    expect(refusal(() => codes.verify(STATION, text))).toEqual({ code: 'BAD_USER_INPUT', argument: 'code' });
  });

  it('when a code is from a step still to come, then it is refused', () => {
    const time = clock();
    const codes = checkInCodes(SECRET, time.now);
    time.move(30_000);
    const { text } = codes.issue(STATION);
    time.move(-30_000);
    expect(refusal(() => codes.verify(STATION, text))).toEqual({ code: 'BAD_USER_INPUT', argument: 'code' });
  });

  it("when a code is another place's, another kind's or another subgraph's, then BAD_USER_INPUT", () => {
    const time = clock();
    const codes = checkInCodes(SECRET, time.now);
    expect(refusal(() => codes.verify(STATION, codes.issue(OTHER).text))).toEqual({ code: 'BAD_USER_INPUT', argument: 'code' });
    expect(refusal(() => codes.verify(STATION, codes.issue({ kind: 'SHIFT', id: STATION.id }).text))).toEqual({ code: 'BAD_USER_INPUT', argument: 'code' });
    // The right place named, but the digits made with another key.
    const forged = checkInCodes('another-subgraph-secret-of-the-graph', time.now).issue(STATION).text;
    expect(refusal(() => codes.verify(STATION, forged))).toEqual({ code: 'BAD_USER_INPUT', argument: 'code' });
  });

  it('when the code is not a check-in code at all, then BAD_USER_INPUT naming code', () => {
    const codes = checkInCodes(SECRET, clock().now);
    for (const text of ['', '12345678', 'CIVIC-CHECKIN:STATION:x', `CIVIC-CHECKIN:STATION:${STATION.id}:abc`]) {
      expect(refusal(() => codes.verify(STATION, text))).toEqual({ code: 'BAD_USER_INPUT', argument: 'code' });
    }
  });
});
