import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

describe('the served OpenAPI document', () => {
  it('is accepted by an independent validator (swagger-parser, OpenAPI 3.1 schema and references)', async () => {
    const doc = await (await fetch(`${baseUrl}/openapi.json`)).json();
    const validated = await SwaggerParser.validate(structuredClone(doc));
    expect('openapi' in validated && validated.openapi).toBe('3.1.0');
    expect(Object.keys(validated.paths ?? {})).toEqual(expect.arrayContaining(['/api/bookings', '/api/bookings/{id}', '/cancel/{id}']));
  });

  it('a validator catches a broken document (the check can fail)', async () => {
    const doc = await (await fetch(`${baseUrl}/openapi.json`)).json();
    doc.paths['/api/bookings'].post.responses['201'].content['application/json'].schema = { $ref: '#/components/schemas/Missing' };
    await expect(SwaggerParser.validate(doc)).rejects.toThrow();
  });
});
