import { v5 } from 'uuid';

/** The namespace of every id HSDS needs that the graph does not have (RFC 4122 name-based, SHA-1). */
const NAMESPACE = v5('https://github.com/civic-graph/hsds', v5.URL);

/**
 * A stable UUID for a record HSDS asks for and the graph keeps no id of (a
 * station's location, its schedule rows, a taxonomy term): the same name gives the
 * same id on every server and every run, so links between answers hold.
 */
export const hsdsId = (...parts: string[]): string => v5(parts.join(':'), NAMESPACE);
