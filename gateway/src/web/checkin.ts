import express from 'express';
import QRCode from 'qrcode';
import { isUuid } from '@civic/shared';
import { gatewayOperation } from '../operations';

/**
 * Check-in pages (README "Checking in"): /checkin/station/<id>, /checkin/activity/<id>
 * and /checkin/shift/<id> show the place's current check-in code as a QR code, for
 * the person on duty to scan with their own signed-in phone.
 *
 * Where the code comes from, and why: the subgraph that owns the place (the
 * stations for a station, the veterans for an activity or a shift) makes the code
 * with a key derived from its own secret, and verifies it again at check-in. The
 * gateway holds no such key: the page's script asks `/checkin/<kind>/<id>/code`
 * with the staff member's token, and the gateway asks the graph for the code (as
 * any client would, so the owning subgraph gets the call signed as always and
 * answers only the place's staff), then draws it. No subgraph ever holds another's
 * secret, and the gateway can make no code it was not given.
 */
/**
 * The code's question for each kind of place, as registered operations of the
 * gateway's own pages (gateway/operations/, in the safelist with the dashboards'), so
 * the page works under CIVIC_OPERATIONS=safelist too.
 */
const FIELDS = {
  station: gatewayOperation('StationCheckInCode'),
  activity: gatewayOperation('ActivityCheckInCode'),
  shift: gatewayOperation('ShiftCheckInCode'),
} as const;
type PlaceKind = keyof typeof FIELDS;
const isPlaceKind = (kind: string): kind is PlaceKind => Object.hasOwn(FIELDS, kind);

const TITLES: Record<PlaceKind, string> = { station: '驿站签到 Station check-in', activity: '活动签到 Activity check-in', shift: '执勤签到 Shift check-in' };

const page = (kind: PlaceKind) => `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${TITLES[kind]}</title>
  <link rel="stylesheet" href="/_assets/pages.css">
</head>
<body>
  <header class="bar">
    <strong>${TITLES[kind]}</strong>
    <label>Staff token <input id="token" type="password" placeholder="the staff member's token" autocomplete="off"></label>
    <a href="/dashboard">Dashboard</a>
  </header>
  <main class="checkin">
    <p>Scan with your own signed-in phone to check in or out. The code changes every 30 seconds.</p>
    <img id="qr" alt="check-in code" width="320" height="320">
    <p id="status" role="status"></p>
  </main>
  <script src="/_assets/checkin.js"></script>
</body>
</html>`;

/** The code's query, for the place's kind; the owning subgraph decides who may have it. */
async function fetchCode(graphUrl: string, kind: PlaceKind, id: string, authorization: string | undefined) {
  const { name, query } = FIELDS[kind];
  const response = await fetch(graphUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ operationName: name, query, variables: { id } }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: { code: { text: string; validUntil: string } | null } | null; errors?: unknown[] },
  };
}

export function checkInRouter(options: { graphUrl: () => string; security: express.RequestHandler }): express.Router {
  const router = express.Router();
  router.get('/checkin/:kind/:id', options.security, (req, res, next) => {
    const kind = String(req.params.kind);
    if (!isPlaceKind(kind) || !isUuid(req.params.id)) return next();
    res.type('html').send(page(kind));
  });
  router.get('/checkin/:kind/:id/code', async (req, res, next) => {
    try {
      const kind = String(req.params.kind);
      const id = String(req.params.id);
      if (!isPlaceKind(kind) || !isUuid(id)) return next();
      const { status, body } = await fetchCode(options.graphUrl(), kind, id, req.headers.authorization);
      const code = body.data?.code;
      res.setHeader('Cache-Control', 'no-store');
      if (!code) {
        // The graph's refusal as it gave it (UNAUTHENTICATED, FORBIDDEN), or NOT_FOUND for an unknown place.
        res
          .status(status === 200 ? (body.errors ? 200 : 404) : status)
          .json(body.errors ? { errors: body.errors } : { errors: [{ message: 'no such place', extensions: { code: 'NOT_FOUND' } }] });
        return;
      }
      res.json({ ...code, image: await QRCode.toDataURL(code.text, { errorCorrectionLevel: 'M', margin: 2, width: 320 }) });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
