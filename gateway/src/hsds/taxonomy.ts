import type { Vocabulary } from '../openData/vocabulary';
import { hsdsId } from './ids';

export const TAXONOMY_ID = hsdsId('taxonomy', 'civic-graph');

/** The three groups of the published taxonomy and the graph enum each one lists. */
const GROUPS = [
  { code: 'HELP', enumName: 'HelpKind', name: '五助', description: 'the five helps a neighbourhood station offers, each for one group of residents' },
  { code: 'CARE', enumName: 'ServiceCategory', name: '金厝边服务', description: 'the service categories an elder of the 金厝边 programme may request' },
  { code: 'AMENITY', enumName: 'Amenity', name: '便民服务', description: 'what a resident finds at a station' },
] as const;

export type TermGroup = (typeof GROUPS)[number]['code'];

export interface TaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy: string;
  taxonomy_id: string;
  language: string;
  term_uri: string;
}

export const termId = (group: TermGroup, value: string) => hsdsId('taxonomy_term', group, value);
const groupId = (group: TermGroup) => hsdsId('taxonomy_term', group);

/**
 * The taxonomy the HSDS answers link services to: the five helps (五助), the four
 * service categories of 金厝边 and the station amenities, each under its group term,
 * in the words the graph's schema gives them.
 */
export function civicTaxonomy(words: Vocabulary, baseUrl: string) {
  const taxonomy = {
    id: TAXONOMY_ID,
    name: '福建民政便民服务分类 (civic graph)',
    description: "The civic graph's services: the five helps of neighbourhood stations, the 金厝边 elder-care categories and station amenities.",
    uri: `${baseUrl}/hsds/taxonomies/${TAXONOMY_ID}`,
    version: '1',
  };
  const term = (fields: Omit<TaxonomyTerm, 'taxonomy' | 'taxonomy_id' | 'language' | 'term_uri'>): TaxonomyTerm => ({
    ...fields,
    taxonomy: taxonomy.name,
    taxonomy_id: TAXONOMY_ID,
    language: 'zh',
    term_uri: `${baseUrl}/hsds/taxonomy_terms/${fields.id}`,
  });
  const terms: TaxonomyTerm[] = GROUPS.flatMap((group) => [
    term({ id: groupId(group.code), code: group.code, name: group.name, description: group.description }),
    ...words(group.enumName).map((word) =>
      term({
        id: termId(group.code, word.value),
        code: `${group.code}.${word.value}`,
        name: word.name,
        description: word.description,
        parent_id: groupId(group.code),
      }),
    ),
  ]);
  return { taxonomy, terms };
}

export type CivicTaxonomy = ReturnType<typeof civicTaxonomy>;
