import { existsSync } from 'node:fs';
import { DEFAULT_CERTIFICATE_FONT, loadGatewayConfig } from '../src/config';
import { certificatePdf, CertificateFontMissing } from '../src/certificates/pdf';
import type { CertificateView } from '../src/certificates/certificate';

const CERTIFICATE: CertificateView = {
  code: '7KQ3-M9XD-2HTV-W4BN',
  holderName: '张*明',
  from: '2026-01-01',
  to: '2026-06-30',
  hours: [{ source: 'TIME_BANK', hours: 2.5 }],
  totalHours: 2.5,
  issuedAs: 'SELF',
  issuerRegion: null,
  issuedAt: '2026-07-01T02:00:00Z',
  status: 'VALID',
  revokedAt: null,
  verifyPath: '/verify/7KQ3-M9XD-2HTV-W4BN',
};

describe("the hours certificate's font", () => {
  it('is a validated setting: an absolute .ttf, .otf or .ttc path, Debian’s Noto Sans CJK by default', () => {
    expect(loadGatewayConfig({}).CIVIC_CERTIFICATE_FONT).toBe(DEFAULT_CERTIFICATE_FONT.path);
    expect(() => loadGatewayConfig({ CIVIC_CERTIFICATE_FONT: 'fonts/noto.ttc' })).toThrow(/CIVIC_CERTIFICATE_FONT/);
    expect(() => loadGatewayConfig({ CIVIC_CERTIFICATE_FONT: '/usr/share/fonts/noto.woff2' })).toThrow(/CIVIC_CERTIFICATE_FONT/);
  });

  it('when it is missing, then the PDF is refused with CERTIFICATE_FONT_MISSING naming the setting, not drawn without Chinese', async () => {
    const refused = certificatePdf(CERTIFICATE, 'https://example.org/verify/x', { path: '/nonexistent/NotoSansCJK.ttc', face: 'NotoSansCJKsc-Regular' });
    await expect(refused).rejects.toBeInstanceOf(CertificateFontMissing);
    await expect(refused).rejects.toMatchObject({ code: 'CERTIFICATE_FONT_MISSING', message: expect.stringContaining('CIVIC_CERTIFICATE_FONT') });
  });

  (existsSync(DEFAULT_CERTIFICATE_FONT.path) ? it : it.skip)('when it is installed, then the certificate is a PDF', async () => {
    const pdf = await certificatePdf(CERTIFICATE, 'https://example.org/verify/7KQ3-M9XD-2HTV-W4BN', DEFAULT_CERTIFICATE_FONT);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
