import type { Vocabulary } from '../openData/vocabulary';

/** Which write an Open311 service code places: an elder-care request or a station order. */
export type ServiceTarget = { kind: 'care'; category: string } | { kind: 'station'; help: string };

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/**
 * The GeoReport v2 service list: one `service_code` per 金厝边 category
 * (`CARE_MEAL` …, requested for an elder) and per station help (`HELP_ELDERLY` …,
 * ordered at a station), in the words of the supergraph's enum descriptions. Both
 * are realtime: the graph answers with the new id at once.
 */
export function open311Services(words: Vocabulary) {
  const modes = words('ServiceMode');
  const services: (Open311Service & { target: ServiceTarget })[] = [
    ...words('ServiceCategory').map((category) => ({
      service_code: `CARE_${category.value}`,
      service_name: category.name,
      description: `金厝边: ${category.description}, for an elder enrolled in the programme`,
      // The elder and the service mode are attributes the definition asks for.
      metadata: true,
      type: 'realtime' as const,
      keywords: `金厝边, ${category.name}, ${category.value.toLowerCase()}`,
      group: '金厝边 elder care',
      target: { kind: 'care' as const, category: category.value },
    })),
    ...words('HelpKind').map((help) => ({
      service_code: `HELP_${help.value}`,
      service_name: help.name,
      description: `五助 at a neighbourhood station: ${help.description}; the station is the request's address_id`,
      metadata: false,
      type: 'realtime' as const,
      keywords: `驿站, 五助, ${help.name}, ${help.value.toLowerCase()}`,
      group: '驿站 station orders',
      target: { kind: 'station' as const, help: help.value },
    })),
  ];

  /** The service definition: what a POST for this code must send as `attribute[code]`. */
  const definition = (code: string) => {
    const service = services.find((s) => s.service_code === code);
    if (!service) return null;
    const attributes =
      service.target.kind === 'care'
        ? [
            {
              variable: true,
              code: 'elder_id',
              datatype: 'string',
              required: true,
              datatype_description: 'a UUID',
              order: 1,
              description: "The elder's id in the 金厝边 programme (the caller must be the elder, their family, or staff of their region)",
            },
            {
              variable: true,
              code: 'mode',
              datatype: 'singlevaluelist',
              required: true,
              datatype_description: null,
              order: 2,
              description: 'Who serves the request',
              values: modes.map((mode) => ({ key: mode.value, name: `${mode.name}: ${mode.description}` })),
            },
          ]
        : [];
    return { service_code: code, attributes };
  };

  const list = (): Open311Service[] => services.map(({ target: _target, ...service }) => service);
  const byCode = (code: string) => services.find((s) => s.service_code === code) ?? null;
  return { list, definition, byCode, all: services };
}

export type Open311Catalogue = ReturnType<typeof open311Services>;
