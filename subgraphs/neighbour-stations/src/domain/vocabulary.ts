/**
 * The neighbour-stations glossary (domain.md, seeds 001 and 004) as code values.
 * The SQL CHECK constraints and the SDL enums use exactly these names.
 */
export const STATION_KINDS = ['VOLUNTEER_SERVICE', 'MUTUAL_AID', 'VETERAN_SERVICE'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** 五助: the five helps a station offers (seed 004). */
export const HELP_KINDS = ['CHILDREN', 'EDUCATION', 'MEDICAL', 'ELDERLY', 'HARDSHIP'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

/** 便民服务: what a resident finds at a station (seed 001). */
export const AMENITIES = ['CONSULTATION', 'FREE_TEA', 'LOST_AND_FOUND', 'FIRST_AID_KIT', 'UMBRELLA_LENDING', 'PHONE_CHARGING', 'HELP_FOR_VULNERABLE'] as const;
export type Amenity = (typeof AMENITIES)[number];

/** 八有: the station standard, a checklist with evidence (seed 001). */
export const EIGHT_HAVES = ['FIXED_HOURS', 'FIXED_STAFF', 'VENUE', 'SIGNAGE', 'TEAM', 'ACTIVITIES', 'ARCHIVES', 'RULES'] as const;
export type EightHave = (typeof EIGHT_HAVES)[number];

export const STATION_MODES = ['SERIAL', 'PARALLEL'] as const;
export type StationMode = (typeof STATION_MODES)[number];

export type HalfDay = 'MORNING' | 'AFTERNOON';

export const ORDER_STATUSES = ['PLACED', 'DISPATCHED', 'ACCEPTED', 'COMPLETED', 'RATED', 'CANCELLED'] as const;
export type StationOrderStatus = (typeof ORDER_STATUSES)[number];
