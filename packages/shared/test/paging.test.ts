import { encodeCursor, isStringPair, parsePage, toConnection } from '../src/paging';

describe('cursors', () => {
  const rows = [
    { id: 'a', at: '2026-12-01T00:00:00Z' },
    { id: 'b', at: '2026-12-02T00:00:00Z' },
  ];

  it("when a page's cursor is sent back to the same list, then it gives that row's key", () => {
    const page = parsePage({ first: 1 }, 'Query.serviceRequests', isStringPair);
    const { pageInfo } = toConnection(rows, page, 2, (r) => [r.at, r.id]);
    expect(parsePage({ first: 1, after: pageInfo.endCursor }, 'Query.serviceRequests', isStringPair).after).toEqual(['2026-12-01T00:00:00Z', 'a']);
  });

  it.each([
    ['another list', encodeCursor('Query.elders', ['350105001004', 'a'])],
    ['a bare key, as cursors were before they named their list', Buffer.from(JSON.stringify(['350105001004', 'a'])).toString('base64url')],
    ['no JSON at all', 'not-a-cursor'],
  ])('when the cursor is %s, then BAD_USER_INPUT naming `after`', (_case, after) => {
    expect(() => parsePage({ after }, 'Query.serviceRequests', isStringPair)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'after' }) }),
    );
  });
});
