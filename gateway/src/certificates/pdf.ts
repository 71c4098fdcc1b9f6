import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { chineseDate, hoursText, issuerText, SOURCE_LABELS, type CertificateView } from './certificate';

/** Where the certificate's CJK font is (CIVIC_CERTIFICATE_FONT): a TrueType/OpenType file or collection, and the face in a collection. */
export interface CertificateFont {
  path: string;
  /** the PostScript name of the face in a .ttc (NotoSansCJKsc-Regular); ignored for a single font */
  face: string;
}

/** The PDF cannot be drawn on this machine: answered 503 with `code: CERTIFICATE_FONT_MISSING`. */
export class CertificateFontMissing extends Error {
  readonly code = 'CERTIFICATE_FONT_MISSING';
}

/** The font is a setting of the machine: without it no Chinese can be drawn, so the PDF is refused with a code, not drawn in boxes. */
export function assertFont(font: CertificateFont): void {
  if (!existsSync(font.path)) {
    throw new CertificateFontMissing(`the certificate font ${font.path} is not installed (set CIVIC_CERTIFICATE_FONT; Debian: apt-get install fonts-noto-cjk)`);
  }
}

/** The certificate as an A4 PDF (pdfkit, no browser): what it certifies, its code, and a QR code of its /verify URL. */
export async function certificatePdf(c: CertificateView, verifyUrl: string, font: CertificateFont): Promise<Buffer> {
  assertFont(font);
  const qr = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
  const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: `志愿服务时长证明 ${c.code}`, Subject: 'Volunteer service hours certificate' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (font.path.toLowerCase().endsWith('.ttc')) doc.registerFont('cjk', font.path, font.face);
  else doc.registerFont('cjk', font.path);
  doc.font('cjk');

  doc.fontSize(24).text('志愿服务时长证明', { align: 'center' });
  doc.fontSize(11).fillColor('#555').text('Volunteer Service Hours Certificate', { align: 'center' }).moveDown(1.5);
  if (c.status === 'REVOKED') {
    doc
      .fontSize(16)
      .fillColor('#b00')
      .text(`已撤销 REVOKED ${c.revokedAt ? chineseDate(c.revokedAt) : ''}`, { align: 'center' })
      .moveDown();
  }
  doc.fillColor('#000').fontSize(13);
  doc.text(
    `兹证明志愿者 ${c.holderName} 于 ${chineseDate(c.from)} 至 ${chineseDate(c.to)} 期间参加志愿服务，经确认的服务时长共计 ${hoursText(c.totalHours)}。`,
    { lineGap: 6 },
  );
  doc.moveDown();
  for (const { source, hours } of c.hours) doc.fontSize(12).text(`${SOURCE_LABELS[source] ?? source}：${hoursText(hours)}`);
  doc.moveDown();
  doc.text(`合计 Total：${hoursText(c.totalHours)}`);
  doc.moveDown();
  doc.text(`出具 Issued by：${issuerText(c)}`);
  doc.text(`出具日期 Issued on：${chineseDate(c.issuedAt)}`);
  doc.moveDown();
  doc.fontSize(14).text(`验证码 Verification code：${c.code}`);
  doc.fontSize(11).text(`验证网址 Verify at：${verifyUrl}`);
  doc.moveDown();
  doc.image(qr, { fit: [140, 140] });
  doc.fontSize(9).fillColor('#555').text('扫码或访问上述网址核验本证明是否有效。Scan or visit the address to check that it is still valid.');
  doc.end();
  return done;
}
