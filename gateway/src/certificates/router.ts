import express from 'express';
import QRCode from 'qrcode';
import type { Identity } from '@civic/shared';
import { GraphRefused, type AskGraph } from '../openData/askGraph';
import { pageSecurity } from '../web/pages';
import { CERTIFICATE_QUERY, type CertificateView } from './certificate';
import { certificatePdf, CertificateFontMissing, type CertificateFont } from './pdf';
import { notFoundPage, printablePage, verifyPage } from './pages';

export interface CertificateRoutes {
  askGraph: (res: express.Response, identity?: Identity) => AskGraph;
  authenticate: (authorization: string | undefined) => Promise<Identity>;
  font: CertificateFont;
  /** the address printed on certificates (CIVIC_PUBLIC_URL); unset, the request's own origin */
  publicUrl?: string;
}

const HTTP_OF: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, SERVICE_UNAVAILABLE: 503, BAD_USER_INPUT: 400 };

/**
 * Hours certificates on the gateway (README "Hours certificates"): the public
 * /verify/<code> page, the printable /certificates/<code> and its PDF
 * /certificates/<code>.pdf. Each asks the graph itself (openData/askGraph.ts) with
 * the registered operation HoursCertificate: /verify as nobody (the name masked),
 * the certificate as its caller (whole for the volunteer and their region's staff),
 * so what a page shows is decided once, in the directory.
 */
export function certificatesRouter(options: CertificateRoutes): express.Router {
  const router = express.Router();
  const origin = (req: express.Request) => options.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;

  async function lookUp(res: express.Response, code: string, identity?: Identity): Promise<CertificateView | null> {
    const { certificate } = await options.askGraph(res, identity)<{ certificate: CertificateView | null }>(CERTIFICATE_QUERY, { code });
    return certificate;
  }

  const refusal = (res: express.Response, error: unknown): boolean => {
    if (error instanceof GraphRefused) {
      res.status(HTTP_OF[error.code] ?? 500).json({ errors: error.errors.map((e) => ({ message: e.message, extensions: { code: e.code } })) });
      return true;
    }
    if (error instanceof CertificateFontMissing) {
      res.status(503).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
      return true;
    }
    return false;
  };

  router.get('/verify/:code', pageSecurity, async (req, res, next) => {
    try {
      const code = String(req.params.code);
      const certificate = await lookUp(res, code);
      res.setHeader('Cache-Control', 'no-store');
      if (!certificate) res.status(404).type('html').send(notFoundPage(code));
      else res.type('html').send(verifyPage(certificate));
    } catch (error) {
      if (!refusal(res, error)) next(error);
    }
  });

  router.get('/certificates/:file', pageSecurity, async (req, res, next) => {
    try {
      const file = String(req.params.file);
      const pdf = file.toLowerCase().endsWith('.pdf');
      const code = pdf ? file.slice(0, -4) : file;
      const identity = req.headers.authorization ? await options.authenticate(req.headers.authorization).catch(() => null) : undefined;
      if (identity === null) {
        res.status(401).json({ errors: [{ message: 'a bad or expired token', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      const certificate = await lookUp(res, code, identity);
      res.setHeader('Cache-Control', 'private, no-store');
      if (!certificate) {
        res.status(404).type('html').send(notFoundPage(code));
        return;
      }
      const verifyUrl = `${origin(req)}${certificate.verifyPath}`;
      if (pdf) {
        const body = await certificatePdf(certificate, verifyUrl, options.font);
        res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="certificate-${certificate.code}.pdf"`);
        res.send(body);
        return;
      }
      const qr = await QRCode.toDataURL(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 160 });
      res.type('html').send(printablePage(certificate, verifyUrl, qr));
    } catch (error) {
      if (!refusal(res, error)) next(error);
    }
  });
  return router;
}
