import { chineseDate, hoursText, issuerText, SOURCE_LABELS, type CertificateView } from './certificate';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const page = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="/_assets/pages.css">
</head>
<body>
  <main class="certificate">
${body}
  </main>
</body>
</html>`;

function facts(c: CertificateView): string {
  const rows: [string, string][] = [
    ['志愿者 Volunteer', c.holderName],
    ['服务期间 Period', `${chineseDate(c.from)} 至 ${chineseDate(c.to)}`],
    ...c.hours.map(({ source, hours }): [string, string] => [SOURCE_LABELS[source] ?? source, hoursText(hours)]),
    ['合计 Total hours', hoursText(c.totalHours)],
    ['出具 Issued by', issuerText(c)],
    ['出具日期 Issued on', chineseDate(c.issuedAt)],
    ['验证码 Code', c.code],
  ];
  return `    <table class="facts">${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/** /verify/<code>: whether the certificate still certifies what it says, and what that is. */
export function verifyPage(c: CertificateView): string {
  const valid = c.status === 'VALID';
  const verdict = valid
    ? `<p id="verdict" class="verdict valid" data-status="VALID">✔ 有效：本证明真实有效。<br>Valid: this certificate is genuine and has not been revoked.</p>`
    : `<p id="verdict" class="verdict revoked" data-status="REVOKED">✘ 已撤销：本证明已于${escapeHtml(c.revokedAt ? chineseDate(c.revokedAt) : '')}撤销，不再证明任何时长。<br>Revoked: this certificate no longer certifies anything.</p>`;
  return page(
    '志愿服务时长证明核验 Certificate check',
    `    <h1>志愿服务时长证明核验</h1>
    <p class="sub">Volunteer service hours certificate check</p>
    ${verdict}
${facts(c)}`,
  );
}

/** /verify/<code> for a code that no certificate has (or that cannot be one): answered 404. */
export function notFoundPage(code: string): string {
  return page(
    '未找到证明 Certificate not found',
    `    <h1>未找到该证明</h1>
    <p id="verdict" class="verdict unknown" data-status="NOT_FOUND">没有验证码为 ${escapeHtml(code.slice(0, 40))} 的志愿服务时长证明。请核对验证码。<br>No certificate has this code: check it was typed as printed.</p>`,
  );
}

/** /certificates/<code>: the certificate to print (the PDF beside it holds the same). */
export function printablePage(c: CertificateView, verifyUrl: string, qrDataUrl: string): string {
  const revoked = c.status === 'REVOKED' ? '<p class="verdict revoked" data-status="REVOKED">已撤销 REVOKED</p>' : '';
  return page(
    `志愿服务时长证明 ${c.code}`,
    `    <h1>志愿服务时长证明</h1>
    <p class="sub">Volunteer Service Hours Certificate</p>
    ${revoked}
    <p>兹证明志愿者 ${escapeHtml(c.holderName)} 于 ${chineseDate(c.from)} 至 ${chineseDate(c.to)} 期间参加志愿服务，经确认的服务时长共计 ${hoursText(c.totalHours)}。</p>
${facts(c)}
    <p>验证网址 Verify at: <a href="${escapeHtml(verifyUrl)}">${escapeHtml(verifyUrl)}</a> · <a href="${escapeHtml(c.code)}.pdf">PDF</a></p>
    <img alt="验证二维码 verification QR code" src="${qrDataUrl}" width="160" height="160">`,
  );
}
