import { attemptVerdict, retryDelayMs } from './backoff';
import { parseWebhookUrl } from './endpoint';

describe("the rules of partners' webhooks", () => {
  it('when a try answers, then 2xx is delivered; timeouts, network errors, 408, 429 and 5xx are retried; any other status is refused', () => {
    expect([200, 204, null, 408, 429, 500, 503, 400, 401, 404, 410, 301].map(attemptVerdict)).toEqual([
      'delivered',
      'delivered',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
  });

  it('when the n-th try fails, then the wait is base·2ⁿ capped, less at most 20% jitter', () => {
    const policy = { maxAttempts: 8, baseMs: 30_000, capMs: 600_000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, 0))).toEqual([60_000, 120_000, 240_000, 480_000, 600_000]);
    expect(retryDelayMs(1, policy, 0.999999)).toBe(48_000);
  });

  it('when an endpoint is registered, then https anywhere, http to loopback outside production only', () => {
    expect(parseWebhookUrl('https://hooks.example.cn/civic', true)).toBe('https://hooks.example.cn/civic');
    expect(parseWebhookUrl('http://127.0.0.1:8080/h', false)).toBe('http://127.0.0.1:8080/h');
    expect(parseWebhookUrl('http://localhost/h', false)).toBe('http://localhost/h');
    for (const [url, production] of [
      ['http://127.0.0.1/h', true],
      ['http://10.0.0.1/h', false],
      ['ftp://x/h', false],
      ['https://x/h#f', false],
      ['/relative', false],
    ] as const) {
      expect(() => parseWebhookUrl(url, production)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'url' }) }),
      );
    }
  });
});
