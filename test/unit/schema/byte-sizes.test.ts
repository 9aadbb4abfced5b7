import { getNamedType, isObjectType, isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../../src/schema/schema.js';

const schema = buildSchema();

const THREE_GIB = 3 * 2 ** 30;

describe('byte sizes in the schema', () => {
  // DOWNLOAD_MAX_BYTES allows files past 2 GiB, where GraphQL's Int (32-bit) would fail the whole field.
  it.each([
    ['DownloadItem', 'bytes'],
    ['DatasetFile', 'bytes'],
    ['Dataset', 'bytes'],
  ])('%s.%s answers a 3 GiB size', (typeName, fieldName) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
    const scalar = getNamedType(type.getFields()[fieldName]?.type);
    if (!isScalarType(scalar)) throw new Error(`${typeName}.${fieldName} is not a scalar`);
    expect(scalar.serialize(THREE_GIB)).toBe(THREE_GIB);
  });
});
