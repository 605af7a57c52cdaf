import { sql, type SQL, type Column } from 'drizzle-orm';

// The vector maths lives in src/ml/vector-math.ts (no database code, so worker threads can load it).
export { addToCentroid, dot, normalize } from '../ml/vector-math.ts';

/**
 * A real[] column read as one comma-separated text: parsing real[] through the drivers costs about
 * twice as much (bench:stories), and story assignment, search and related stories read many.
 */
export const vectorText = (column: Column): SQL<string | null> => sql<string | null>`array_to_string(${column}, ',')`;
export const parseVector = (text: string | null): number[] | null => (text ? text.split(',').map(Number) : null);
