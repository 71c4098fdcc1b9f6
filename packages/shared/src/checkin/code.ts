import { createHmac } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { badUserInput } from '../errors';

/**
 * The check-in code a station's, activity's or shift's page shows as a QR code
 * (README "Checking in"). It is a TOTP (RFC 6238): an HMAC of the place and the
 * 30-second time step, so it changes every 30 s and a code seen once is useless a
 * minute later. Whoever checks in scans it with their own signed-in phone; the
 * subgraph that owns the place issues it and verifies it, with a key derived from
 * its own signing secret, so no other service (the gateway included) holds a key
 * that could make one.
 */
export type CheckInPlaceKind = 'STATION' | 'ACTIVITY' | 'SHIFT';
export interface CheckInPlace {
  kind: CheckInPlaceKind;
  id: string;
}

export const CHECK_IN_STEP_SECONDS = 30;
/** A code is taken for its own step and the two before it (up to a minute old): time to scan and send. */
export const CHECK_IN_STEPS_ACCEPTED = 2;
const DIGITS = 8;
const PREFIX = 'CIVIC-CHECKIN';

export interface IssuedCheckInCode {
  /** what the QR code holds and the check-in mutations take as `code` */
  text: string;
  /** when the page should show the next one (the step's end) */
  validUntil: Date;
}

export interface CheckInCodes {
  issue(place: CheckInPlace): IssuedCheckInCode;
  /** Throws BAD_USER_INPUT (argument `code`) for a malformed code, another place's, or one older than two steps. */
  verify(place: CheckInPlace, text: string): void;
}

/**
 * The codes of one subgraph. The key is the subgraph's own secret run through an
 * HMAC with a purpose of its own, so a code reveals nothing about the secret that
 * signs the gateway's calls; each place gets its own TOTP secret from it.
 */
export function checkInCodes(subgraphSecret: string, now: () => number = Date.now): CheckInCodes {
  const key = createHmac('sha256', subgraphSecret).update('civic check-in codes').digest();
  const totp = (place: CheckInPlace) =>
    new TOTP({
      algorithm: 'SHA256',
      digits: DIGITS,
      period: CHECK_IN_STEP_SECONDS,
      // A copy: a Buffer may be a view into a larger pooled ArrayBuffer.
      secret: new Secret({ buffer: Uint8Array.from(createHmac('sha256', key).update(`${place.kind}:${place.id.toLowerCase()}`).digest()).buffer }),
    });
  return {
    issue(place) {
      const at = now();
      const step = Math.floor(at / 1000 / CHECK_IN_STEP_SECONDS);
      return {
        text: `${PREFIX}:${place.kind}:${place.id.toLowerCase()}:${totp(place).generate({ timestamp: at })}`,
        validUntil: new Date((step + 1) * CHECK_IN_STEP_SECONDS * 1000),
      };
    },
    verify(place, text) {
      const parts = text.split(':');
      if (parts.length !== 4 || parts[0] !== PREFIX || !/^\d+$/.test(parts[3])) {
        throw badUserInput('code is not a check-in code: scan the QR code on the check-in page', { argument: 'code' });
      }
      if (parts[1] !== place.kind || parts[2] !== place.id.toLowerCase()) {
        throw badUserInput('code is the check-in code of another place', { argument: 'code' });
      }
      // A symmetric window, of which only the current step and the two before it count:
      // a code from a step still to come was never shown by this subgraph.
      const delta = totp(place).validate({ token: parts[3], timestamp: now(), window: CHECK_IN_STEPS_ACCEPTED });
      if (delta === null || delta > 0) {
        throw badUserInput('code has expired: scan the code the page shows now', { argument: 'code' });
      }
    },
  };
}
