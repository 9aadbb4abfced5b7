import { valueFromASTUntyped } from 'graphql';
import { builder } from './builder.js';

builder.scalarType('JSON', {
  description: 'Any JSON value, passed through unchanged (upstream payloads).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
