import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';

/** One value of a graph enum with the words its SDL description gives it. */
export interface Term {
  value: string;
  /** the Chinese name before the colon: 助老 for "助老: help for elders" */
  name: string;
  /** the English words after it */
  description: string;
}

/**
 * The graph's vocabularies (the five helps, the four service categories, the
 * amenities, the half days) as the supergraph describes them: the open-data
 * formats publish the same words the schema documents, from one place.
 */
export function vocabulary(supergraphSdl: string) {
  const enums = new Map<string, Term[]>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
    enums.set(
      definition.name.value,
      ((definition as EnumTypeDefinitionNode).values ?? []).map((value) => {
        const text = value.description?.value ?? value.name.value;
        const colon = text.indexOf(': ');
        return colon < 0
          ? { value: value.name.value, name: text, description: text }
          : { value: value.name.value, name: text.slice(0, colon), description: text.slice(colon + 2) };
      }),
    );
  }
  return (enumName: string): Term[] => {
    const terms = enums.get(enumName);
    if (!terms) throw new Error(`the supergraph has no enum ${enumName}`);
    return terms;
  };
}

export type Vocabulary = ReturnType<typeof vocabulary>;
