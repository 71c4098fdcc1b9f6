import type { Term, Vocabulary } from '../openData/vocabulary';
import type { CanteenFacts, OrganizationFacts, RegionFacts, StationFacts } from './graph';
import { hsdsId } from './ids';
import { termId, type CivicTaxonomy, type TermGroup } from './taxonomy';

/**
 * Pure mapping from the graph's public records to HSDS 3.0 objects: stations and
 * canteens are locations, each station's helps and amenities, each canteen and
 * each 金厝边 category a service; operators are organisations.
 */

const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** China Standard Time, UTC+8: every opening time in the graph is in it. */
const TIMEZONE = 8;
/** Where the 金厝边 programme runs: its pilots are Fuzhou's communities (3501). */
const CARE_AREA = { code: '3501', name: '福州市' };

/** A service as HSDS lists it, with what the full view adds. */
export interface HsdsService {
  id: string;
  name: string;
  status: 'active' | 'inactive';
  organization_id?: string;
  description: string;
  [field: string]: unknown;
}

export interface Located {
  service: HsdsService;
  location: Record<string, any> | null;
  /** the taxonomy terms the service carries, for filtering */
  terms: string[];
  /** the organisation that provides it, for filtering */
  organizationId: string | null;
  /** the full view's extra fields (schedules, service areas, attributes …) */
  full: Record<string, unknown>;
}

const ancestor = (region: RegionFacts, level: string) => region.ancestors.find((a) => a.level === level)?.name;

function address(locationId: string, street: string, region: RegionFacts) {
  const below = region.ancestors.filter((a) => a.level === 'STREET').map((a) => a.name);
  return {
    id: hsdsId('address', locationId),
    location_id: locationId,
    address_1: street,
    address_2: [...below, region.name].join(' '),
    city: ancestor(region, 'CITY') ?? region.name,
    region: ancestor(region, 'DISTRICT') ?? '',
    state_province: ancestor(region, 'PROVINCE') ?? '福建省',
    // The graph records no postal codes; HSDS requires the field.
    postal_code: '',
    country: 'CN',
    address_type: 'physical',
  };
}

/** A closed polygon of 32 points `meters` around a point, as GeoJSON (longitude first). */
export function circle(latitude: number, longitude: number, meters: number) {
  const dLat = meters / 111_320;
  const dLng = meters / (111_320 * Math.cos((latitude * Math.PI) / 180));
  const ring = Array.from({ length: 33 }, (_, i) => {
    const angle = ((i % 32) / 32) * 2 * Math.PI;
    return [Number((longitude + dLng * Math.cos(angle)).toFixed(6)), Number((latitude + dLat * Math.sin(angle)).toFixed(6))];
  });
  return { type: 'Polygon', coordinates: [ring] };
}

function weekly(serviceId: string, key: string, days: number[], opens: string, closes: string, description: string) {
  return {
    id: hsdsId('schedule', serviceId, key),
    service_id: serviceId,
    freq: 'WEEKLY',
    wkst: 'MO',
    interval: 1,
    byday: days.map((d) => BYDAY[d - 1]).join(','),
    opens_at: opens,
    closes_at: closes,
    timezone: TIMEZONE,
    description,
    attending_type: 'in person',
  };
}

/** "08:30-12:00 China Standard Time" → opens 08:30, closes 12:00. */
const spans = (text: string) =>
  [...text.matchAll(/(\d{1,2}:\d{2})\s*[-–~至]\s*(\d{1,2}:\d{2})/g)].map((m) => ({ opens: m[1].padStart(5, '0'), closes: m[2].padStart(5, '0') }));

/**
 * A station's weekly hours: its opening schedule by weekday and period when one
 * is set; otherwise the duty rota's half days (morning and afternoon) on the days
 * it opens, with the hours as posted in the description.
 */
function stationSchedules(station: StationFacts, halfDays: Term[]) {
  if (station.openingSchedule.length > 0) {
    return station.openingSchedule.flatMap((day) =>
      day.periods.map((p, i) => weekly(station.id, `open:${day.weekday}:${i}`, [day.weekday], p.opens, p.closes, station.openingHours)),
    );
  }
  return halfDays.flatMap((half) =>
    spans(half.name).map((p) =>
      weekly(
        station.id,
        `rota:${half.value}`,
        station.dutyRule.openWeekdays,
        p.opens,
        p.closes,
        `值班 ${half.value === 'MORNING' ? '上午' : '下午'} (duty rota half day); posted: ${station.openingHours}`,
      ),
    ),
  );
}

function attribute(linkId: string, term: { id: string }, taxonomy: CivicTaxonomy) {
  return {
    id: hsdsId('attribute', linkId, term.id),
    link_id: linkId,
    link_type: 'service',
    link_entity: 'service',
    taxonomy_term_id: term.id,
    taxonomy_term: taxonomy.terms.find((t) => t.id === term.id),
  };
}

const statusOf = (status: 'OPEN' | 'CLOSED') => (status === 'OPEN' ? 'active' : 'inactive');

export function hsdsMapping(words: Vocabulary, taxonomy: CivicTaxonomy) {
  const helps = new Map(words('HelpKind').map((t) => [t.value, t]));
  const amenities = new Map(words('Amenity').map((t) => [t.value, t]));
  const kinds = new Map(words('StationKind').map((t) => [t.value, t]));
  const orgKinds = new Map(words('OrganizationKind').map((t) => [t.value, t]));
  const halfDays = words('HalfDay');

  const attributes = (serviceId: string, groups: [TermGroup, string[]][]) =>
    groups.flatMap(([group, values]) => values.map((value) => attribute(serviceId, { id: termId(group, value) }, taxonomy)));

  function station(s: StationFacts): Located {
    const locationId = hsdsId('location', s.id);
    const offered = [...s.helps.map((h) => helps.get(h)?.name ?? h), ...s.amenities.map((a) => amenities.get(a)?.name ?? a)];
    const service: HsdsService = {
      id: s.id,
      ...(s.operator ? { organization_id: s.operator.id } : {}),
      name: s.name,
      description: `${kinds.get(s.kind)?.name ?? s.kind}: ${offered.join('、') || '—'}`,
      status: statusOf(s.status),
    };
    return {
      service,
      organizationId: s.operator?.id ?? null,
      terms: [...s.helps.map((h) => termId('HELP', h)), ...s.amenities.map((a) => termId('AMENITY', a))],
      location: {
        id: locationId,
        location_type: 'physical',
        ...(s.operator ? { organization_id: s.operator.id } : {}),
        name: s.name,
        latitude: s.latitude,
        longitude: s.longitude,
        external_identifier: s.id,
        external_identifier_type: 'civic graph station id',
        addresses: [address(locationId, s.address, s.region)],
      },
      full: {
        schedules: stationSchedules(s, halfDays),
        service_areas: [
          {
            id: hsdsId('service_area', s.id),
            service_id: s.id,
            name: `${s.name} 15分钟服务圈`,
            description: `15-minute neighbourhood service circle: within ${s.coverageRadiusMeters} m of the station, about ${s.peopleCovered} residents`,
            extent: JSON.stringify(circle(s.latitude, s.longitude, s.coverageRadiusMeters)),
            extent_type: 'geojson',
          },
        ],
        attributes: attributes(s.id, [
          ['HELP', s.helps],
          ['AMENITY', s.amenities],
        ]),
      },
    };
  }

  function canteen(c: CanteenFacts): Located {
    const locationId = hsdsId('location', c.id);
    const hours = spans(c.servingHours);
    const service: HsdsService = {
      id: c.id,
      ...(c.operator ? { organization_id: c.operator.id } : {}),
      name: c.name,
      description: `长者食堂 (elder canteen): ${c.seats} seats, serving ${c.servingHours}`,
      status: statusOf(c.status),
      fees_description: `${c.mealPrice} yuan a meal before the elder's subsidy`,
    };
    return {
      service,
      organizationId: c.operator?.id ?? null,
      terms: [termId('CARE', 'MEAL')],
      location: {
        id: locationId,
        location_type: 'physical',
        ...(c.operator ? { organization_id: c.operator.id } : {}),
        name: c.name,
        external_identifier: c.id,
        external_identifier_type: 'civic graph canteen id',
        addresses: [address(locationId, c.address, c.region)],
      },
      full: {
        schedules: hours.map((p, i) => weekly(c.id, `serving:${i}`, [1, 2, 3, 4, 5, 6, 7], p.opens, p.closes, c.servingHours)),
        service_areas: [{ id: hsdsId('service_area', c.id), service_id: c.id, name: c.region.name, description: 'elders enrolled as diners in the community' }],
        attributes: attributes(c.id, [['CARE', ['MEAL']]]),
      },
    };
  }

  /** The 金厝边 programme's four categories, each a service elders request through the graph. */
  const care: Located[] = words('ServiceCategory').map((category) => {
    const id = hsdsId('service', 'care', category.value);
    return {
      service: {
        id,
        name: `金厝边·${category.name}`,
        description: `${category.description}, requested for an enrolled elder and served by volunteers or the community's resident group (time bank hours)`,
        status: 'active',
        eligibility_description: 'elders enrolled in the 金厝边 programme',
      },
      organizationId: null,
      terms: [termId('CARE', category.value)],
      location: null,
      full: {
        service_areas: [
          {
            id: hsdsId('service_area', id),
            service_id: id,
            name: CARE_AREA.name,
            description: `金厝边 pilot communities of ${CARE_AREA.name} (${CARE_AREA.code})`,
          },
        ],
        attributes: attributes(id, [['CARE', [category.value]]]),
      },
    };
  });

  function organization(o: OrganizationFacts) {
    return {
      id: o.id,
      name: o.name,
      description: [
        orgKinds.get(o.kind)?.name ?? o.kind,
        o.region?.name,
        o.grade ? `社会组织等级 ${o.grade}` : null,
        o.endedOn ? `deregistered ${o.endedOn}` : null,
      ]
        .filter(Boolean)
        .join(', '),
      ...(o.creditCode ? { tax_id: o.creditCode } : {}),
      legal_status: orgKinds.get(o.kind)?.description ?? o.kind,
    };
  }

  const identifiers = (o: OrganizationFacts) =>
    o.creditCode
      ? [{ id: hsdsId('organization_identifier', o.id), organization_id: o.id, identifier_type: '统一社会信用代码 (GB 32100-2015)', identifier: o.creditCode }]
      : [];

  return { station, canteen, care, organization, identifiers };
}

export type HsdsMapping = ReturnType<typeof hsdsMapping>;
