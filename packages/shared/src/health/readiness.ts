import type { RequestHandler } from 'express';

/**
 * Readiness, beside liveness: `/healthz` says the process answers at all (restart
 * it when not); `/readyz` says it can serve now (send it traffic when so). A
 * report carries reasons, never data, so it needs no signature.
 */
export interface ReadinessReport {
  ready: boolean;
  /** why not: 'seeding', 'database unavailable', 'migrations pending', 'subgraphs unavailable', … */
  reason?: string;
  /** more about the reason, by name: for the gateway, each subgraph that is not ready and why */
  details?: Record<string, string>;
}

export type ReadinessProbe = () => Promise<ReadinessReport>;

/**
 * Whether a service is still loading its start-up data (`npm start` seeds while
 * the servers already listen, and they answer "seeding" until it is done), or
 * about to stop (it answers "stopping" while it lets the last requests in).
 */
export interface StartupState {
  seeding: boolean;
  stopping?: boolean;
}

/** The reason a service in this state is not ready, or null. */
export const startupReason = (state: StartupState | undefined): string | null => (state?.stopping ? 'stopping' : state?.seeding ? 'seeding' : null);

export const READY: ReadinessReport = { ready: true };

/** GET /readyz: 200 `{"status":"ready"}`, or 503 `{"status":"unavailable","reason":…}`. */
export function readinessHandler(service: string, probe: ReadinessProbe): RequestHandler {
  return (_req, res) => {
    probe().then(
      (report) => {
        res.status(report.ready ? 200 : 503).json({
          status: report.ready ? 'ready' : 'unavailable',
          service,
          ...(report.reason ? { reason: report.reason } : {}),
          ...(report.details ? { details: report.details } : {}),
        });
      },
      () => res.status(503).json({ status: 'unavailable', service, reason: 'readiness check failed' }),
    );
  };
}

/** Rejects with `reason` when `work` takes longer than `ms`: a hung database is not ready either. */
export function withTimeout<T>(work: Promise<T>, ms: number, reason: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(reason)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
