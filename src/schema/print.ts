import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from './schema.js';

/** The SDL checked in at schema/schema.graphql. Sorted so that moving code around does not churn it. */
export function printGatewaySchema(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}
