/**
 * Keeps schema/dataset.schema.json in step with src/core/schema.ts. With
 * UPDATE_SCHEMA=1 (`npm run schema`) the test writes the file instead of failing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATASET_SCHEMA_FILE, DATASET_SCHEMA_ID, datasetJsonSchema } from '../../src/core/json-schema';
import { SOURCE_KINDS, STANCES, STATUSES } from '../../src/core/schema';

const file = fileURLToPath(new URL(`../../${DATASET_SCHEMA_FILE}`, import.meta.url));
const generated = `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`;

describe('JSON Schema export', () => {
  it(`${DATASET_SCHEMA_FILE} is current`, () => {
    if (process.env.UPDATE_SCHEMA === '1') {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, generated);
    }
    const onDisk = existsSync(file) ? readFileSync(file, 'utf8') : '';
    // toBe on the whole text would print a huge diff; one clear instruction is more useful.
    expect(
      onDisk === generated,
      `${DATASET_SCHEMA_FILE} is ${onDisk ? 'out of date' : 'missing'}: run \`npm run schema\` and commit the result`,
    ).toBe(true);
  });

  it('names itself and describes the dataset', () => {
    const schema = datasetJsonSchema();
    expect(schema.$id).toBe(DATASET_SCHEMA_ID);
    expect(schema.title).toBeTypeOf('string');
    expect(schema.description).toBeTypeOf('string');
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('carries the rules authors most often get wrong', () => {
    // Spot checks that the conversion kept the constraints, not just the types.
    expect(generated).toContain('"additionalProperties": false');
    expect(generated).toContain('"pattern": "^https://"');
    expect(generated).toContain('"pattern": "\\\\S"');
    for (const value of [...SOURCE_KINDS, ...STANCES, ...STATUSES]) expect(generated).toContain(`"${value}"`);
    const schema = datasetJsonSchema() as { required?: string[] };
    expect(schema.required).toEqual(['id', 'name', 'version', 'sources', 'entities', 'disputes']);
  });
});
