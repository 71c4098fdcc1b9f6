import type { Page } from '@civic/shared';
import type { HelpKind, StationOrderStatus } from '../domain/vocabulary';
import { openDataWhere, Sql, Where } from '@civic/shared';

export interface StationOrderRow {
  id: string;
  stationId: string;
  regionCode: string;
  help: HelpKind;
  status: StationOrderStatus;
  rating: number | null;
  note: string | null;
  residentId: string | null;
  volunteerId: string | null;
  teamId: string | null;
  placedAt: Date;
  /** created_at at full (microsecond) precision, for page cursors */
  sortKey: string;
}

export interface StationOrderStepRow {
  orderId: string;
  status: StationOrderStatus;
  actorId: string | null;
  at: Date;
}

const ORDER_COLUMNS = `o.id, o.station_id AS "stationId", o.region_code AS "regionCode", o.help, o.status, o.rating,
  o.note, o.resident_id AS "residentId", o.volunteer_id AS "volunteerId", o.team_id AS "teamId", o.created_at AS "placedAt",
  o.created_at::text AS "sortKey"`;

export interface NewOrder {
  stationId: string;
  regionCode: string;
  help: HelpKind;
  note: string | null;
  residentId: string;
  teamId: string | null;
  idempotencyKey: string | null;
}

function pageWhere(stationId: string, status: StationOrderStatus | null): Where {
  const where = new Where().add('o.station_id = $', stationId);
  if (status) where.add('o.status = $', status);
  return where;
}

/** The filters of the open-data list (publicStationOrders): no resident, no note. */
export interface PublicOrderFilter {
  ids: string[] | null;
  help: HelpKind | null;
  statuses: StationOrderStatus[] | null;
  from: Date | null;
  to: Date | null;
}

/** An order's public fields (PublicStationOrder). */
export interface PublicOrderRow {
  id: string;
  stationId: string;
  /** the station's community */
  regionCode: string;
  help: HelpKind;
  status: StationOrderStatus;
  placedAt: Date;
  updatedAt: Date;
  sortKey: string;
}

const publicWhere = (filter: PublicOrderFilter): Where => openDataWhere(filter, 'o').when(filter.help, 'o.help = $', filter.help);

export function orderRepository(db: Sql) {
  return {
    findByIds: (ids: readonly string[]): Promise<StationOrderRow[]> =>
      db.query(`/* stationOrdersByIds */ SELECT ${ORDER_COLUMNS} FROM neighbour_stations.station_order o WHERE o.id = ANY($1::uuid[])`, [ids]),

    stepsOf: (orderIds: readonly string[]): Promise<StationOrderStepRow[]> =>
      db.query(
        `/* stationOrderSteps */ SELECT order_id AS "orderId", status, actor_id AS "actorId", at
         FROM neighbour_stations.station_order_step WHERE order_id = ANY($1::uuid[]) ORDER BY id`,
        [orderIds],
      ),

    /** Locks the order for the rest of the transaction, so transitions happen one at a time. */
    async lock(id: string): Promise<StationOrderRow | null> {
      const rows: StationOrderRow[] = await db.query(
        `/* lockStationOrder */ SELECT ${ORDER_COLUMNS} FROM neighbour_stations.station_order o WHERE o.id = $1 FOR UPDATE`,
        [id],
      );
      return rows[0] ?? null;
    },

    /**
     * Inserts the order; null when the resident already placed one with this idempotency
     * key in this city (the key holds the region code, as the city partitions' keys must:
     * the write path's key store answers the mutation's retries before this).
     */
    async insert(order: NewOrder): Promise<StationOrderRow | null> {
      const rows: StationOrderRow[] = await db.query(
        `/* placeStationOrder */ INSERT INTO neighbour_stations.station_order AS o
           (station_id, region_code, help, note, resident_id, team_id, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (resident_id, idempotency_key, region_code) DO NOTHING
         RETURNING ${ORDER_COLUMNS}`,
        [order.stationId, order.regionCode, order.help, order.note, order.residentId, order.teamId, order.idempotencyKey],
      );
      return rows[0] ?? null;
    },

    async update(id: string, change: Pick<StationOrderRow, 'status' | 'volunteerId' | 'rating'>): Promise<StationOrderRow> {
      const [rows] = await db.query(
        `/* transitionStationOrder */ UPDATE neighbour_stations.station_order o
         SET status = $2, volunteer_id = $3, rating = $4, updated_at = now()
         WHERE o.id = $1 RETURNING ${ORDER_COLUMNS}`,
        [id, change.status, change.volunteerId, change.rating],
      );
      return rows[0];
    },

    addStep: (orderId: string, status: StationOrderStatus, actorId: string | null): Promise<unknown> =>
      db.query(`/* addStationOrderStep */ INSERT INTO neighbour_stations.station_order_step (order_id, status, actor_id) VALUES ($1, $2, $3)`, [
        orderId,
        status,
        actorId,
      ]),

    /** A station's orders, oldest first: keyset on (created_at, id). */
    page(stationId: string, status: StationOrderStatus | null, page: Page<[string, string]>): Promise<StationOrderRow[]> {
      const where = pageWhere(stationId, status);
      if (page.after) where.add('(o.created_at, o.id) > ($::timestamptz, $::uuid)', ...page.after);
      return db.query(
        `/* stationOrdersPage */ SELECT ${ORDER_COLUMNS} FROM neighbour_stations.station_order o
         ${where} ORDER BY o.created_at, o.id LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    /** Open data, newest first: keyset on (created_at, id). */
    publicPage(filter: PublicOrderFilter, page: Page<[string, string]>): Promise<PublicOrderRow[]> {
      const where = publicWhere(filter).when(page.after, '(o.created_at, o.id) < ($::timestamptz, $::uuid)', ...(page.after ?? []));
      return db.query(
        `/* publicStationOrdersPage */ SELECT o.id, o.station_id AS "stationId",
           (SELECT st.region_code FROM neighbour_stations.station st WHERE st.id = o.station_id) AS "regionCode", o.help, o.status, o.created_at AS "placedAt",
           COALESCE((SELECT max(s.at) FROM neighbour_stations.station_order_step s WHERE s.order_id = o.id), o.created_at) AS "updatedAt",
           o.created_at::text AS "sortKey"
         FROM neighbour_stations.station_order o ${where} ORDER BY o.created_at DESC, o.id DESC LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    async publicCount(filter: PublicOrderFilter): Promise<number> {
      const where = publicWhere(filter);
      const [{ count }] = await db.query(
        `/* publicStationOrdersCount */ SELECT count(*)::int AS count FROM neighbour_stations.station_order o ${where}`,
        where.params,
      );
      return count;
    },

    async count(stationId: string, status: StationOrderStatus | null): Promise<number> {
      const where = pageWhere(stationId, status);
      const [{ count }] = await db.query(
        `/* stationOrdersCount */ SELECT count(*)::int AS count FROM neighbour_stations.station_order o ${where}`,
        where.params,
      );
      return count;
    },
  };
}
export type OrderRepository = ReturnType<typeof orderRepository>;
