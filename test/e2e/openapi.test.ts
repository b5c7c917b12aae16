import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
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

  it("passes an independent linter's recommended rules with no error (Redocly)", async () => {
    const source = await (await fetch(`${baseUrl}/openapi.json`)).text();
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: `${baseUrl}/openapi.json`, config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    // The linter can fail: a webhook without security is an error.
    const broken = JSON.parse(source);
    delete broken.webhooks['demo_booking.created'].post.security;
    const refused = await lintFromString({ source: JSON.stringify(broken), absoluteRef: `${baseUrl}/openapi.json`, config });
    expect(refused.some((p) => p.severity === 'error' && p.ruleId === 'security-defined')).toBe(true);
  });
});
