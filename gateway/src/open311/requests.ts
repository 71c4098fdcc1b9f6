import type { AskGraph } from '../openData/askGraph';
import type { Vocabulary } from '../openData/vocabulary';
import { walk } from '../openData/walk';
import type { Open311Catalogue } from './services';

/** GeoReport v2's two statuses, from the graph's own. */
const CLOSED = new Set(['COMPLETED', 'RATED', 'CANCELLED']);
const CARE_STATUSES = { open: ['OPEN', 'CLAIMED'], closed: ['COMPLETED', 'RATED', 'CANCELLED'] };
const ORDER_STATUSES = { open: ['PLACED', 'DISPATCHED', 'ACCEPTED'], closed: ['COMPLETED', 'RATED', 'CANCELLED'] };

/** "Default query limit is … first 1000 requests returned" (GeoReport v2, GET Service Requests). */
export const MAX_REQUESTS = 1000;

interface Place {
  name: string;
  ancestors: { name: string; level: string }[];
}

interface CareRequest {
  id: string;
  category: string;
  status: string;
  requestedAt: string;
  updatedAt: string;
  /** null unless the caller sees the street's exact figures (disclosure control): then the district places it */
  street: (Place & { code: string }) | null;
  district: Place & { code: string };
}

interface StationOrder {
  id: string;
  help: string;
  status: string;
  placedAt: string;
  updatedAt: string;
  /** null unless the caller sees the station's exact figures (disclosure control): then the district places it */
  station: { id: string; name: string; address: string; latitude: number; longitude: number; region: { name: string } } | null;
  district: Place & { code: string };
}

export interface RequestQuery {
  ids: string[] | null;
  /** the service codes asked for; null for all */
  codes: string[] | null;
  statuses: ('open' | 'closed')[] | null;
  from: string | null;
  to: string | null;
}

const PLACE = 'name ancestors { name level }';
const CARE_QUERY = `query Open311CareRequests($ids: [ID!], $category: ServiceCategory, $statuses: [ServiceRequestStatus!], $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  publicServiceRequests(ids: $ids, category: $category, statuses: $statuses, from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage }
    edges { node { id category status requestedAt updatedAt street { code ${PLACE} } district { code ${PLACE} } } } } }`;
const ORDER_QUERY = `query Open311StationOrders($ids: [ID!], $help: HelpKind, $statuses: [StationOrderStatus!], $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  publicStationOrders(ids: $ids, help: $help, statuses: $statuses, from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage }
    edges { node { id help status placedAt updatedAt station { id name address latitude longitude region { name } } district { code ${PLACE} } } } } }`;

/** Most specific first, as GeoReport asks: street, district, city. */
const addressOf = (first: string[], place: Place) =>
  [
    ...first,
    place.name,
    ...place.ancestors
      .filter((a) => a.level !== 'PROVINCE')
      .map((a) => a.name)
      .reverse(),
  ].join(', ');

/**
 * Service requests as GeoReport v2 answers them, from the graph's public lists
 * (publicServiceRequests, publicStationOrders) as an anonymous caller: no names,
 * phones or notes reach this layer at all. An elder-care request is placed in its
 * street (no point: the elder's home is personal); a station order at its station.
 * A caller who does not see those regions' exact figures gets only the district of
 * each (a list by street or station would count what disclosure control withholds).
 */
export function open311Requests(words: Vocabulary, catalogue: Open311Catalogue) {
  const careStatus = new Map(words('ServiceRequestStatus').map((t) => [t.value, t]));
  const orderStatus = new Map(words('StationOrderStatus').map((t) => [t.value, t]));
  const careName = (category: string) => catalogue.byCode(`CARE_${category}`)!.service_name;
  const helpName = (help: string) => catalogue.byCode(`HELP_${help}`)!.service_name;

  /** A GeoReport v2 request; what the graph keeps private or does not record is null. */
  const georeport = (r: {
    id: string;
    closed: boolean;
    notes: string;
    name: string;
    code: string;
    agency: string;
    requestedAt: string;
    updatedAt: string;
    address: string;
    addressId: string;
    lat: number | null;
    long: number | null;
  }) => ({
    service_request_id: r.id,
    status: r.closed ? 'closed' : 'open',
    status_notes: r.notes,
    service_name: r.name,
    service_code: r.code,
    description: null,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: r.requestedAt,
    updated_datetime: r.updatedAt,
    expected_datetime: null,
    address: r.address,
    address_id: r.addressId,
    zipcode: null,
    lat: r.lat,
    long: r.long,
    media_url: null,
  });

  const fromCare = (r: CareRequest) => {
    const place = r.street ?? r.district;
    return georeport({
      id: r.id,
      closed: CLOSED.has(r.status),
      notes: careStatus.get(r.status)?.description ?? r.status,
      name: careName(r.category),
      code: `CARE_${r.category}`,
      agency: `金厝边 ${place.name}`,
      requestedAt: r.requestedAt,
      updatedAt: r.updatedAt,
      address: addressOf([], place),
      addressId: place.code,
      lat: null,
      long: null,
    });
  };

  const fromOrder = (o: StationOrder) => {
    const station = o.station;
    const at = station
      ? // The graph's depth limit leaves the community's own name: the station's address says the rest.
        {
          agency: station.name,
          address: addressOf([station.address], { name: station.region.name, ancestors: [] }),
          addressId: station.id,
          lat: station.latitude,
          long: station.longitude,
        }
      : { agency: `邻里互助驿站 ${o.district.name}`, address: addressOf([], o.district), addressId: o.district.code, lat: null, long: null };
    return georeport({
      id: o.id,
      closed: CLOSED.has(o.status),
      notes: orderStatus.get(o.status)?.name ?? o.status,
      name: helpName(o.help),
      code: `HELP_${o.help}`,
      requestedAt: o.placedAt,
      updatedAt: o.updatedAt,
      ...at,
    });
  };

  /** The requests matching `query`, newest first, at most 1000. */
  async function find(ask: AskGraph, query: RequestQuery) {
    const targets = catalogue.all.filter((s) => !query.codes || query.codes.includes(s.service_code)).map((s) => s.target);
    const cares = targets.flatMap((t) => (t.kind === 'care' ? [t.category] : []));
    const helps = targets.flatMap((t) => (t.kind === 'station' ? [t.help] : []));
    const statuses = (mapping: { open: string[]; closed: string[] }) => (query.statuses ? query.statuses.flatMap((s) => mapping[s]) : null);
    const window = { ids: query.ids, from: query.from, to: query.to };
    // All of a kind in one walk; a few of them, one walk each.
    const careWalks = cares.length === 0 ? [] : query.codes ? cares : [null];
    const helpWalks = helps.length === 0 ? [] : query.codes ? helps : [null];
    const answers = await Promise.all([
      ...careWalks.map(async (category) =>
        (
          await walk<CareRequest>(ask, CARE_QUERY, { ...window, category, statuses: statuses(CARE_STATUSES) }, (d) => d.publicServiceRequests, MAX_REQUESTS)
        ).nodes.map(fromCare),
      ),
      ...helpWalks.map(async (help) =>
        (
          await walk<StationOrder>(ask, ORDER_QUERY, { ...window, help, statuses: statuses(ORDER_STATUSES) }, (d) => d.publicStationOrders, MAX_REQUESTS)
        ).nodes.map(fromOrder),
      ),
    ]);
    return answers
      .flat()
      .sort((a, b) => (a.requested_datetime < b.requested_datetime ? 1 : a.requested_datetime > b.requested_datetime ? -1 : 0))
      .slice(0, MAX_REQUESTS);
  }

  return { find };
}
