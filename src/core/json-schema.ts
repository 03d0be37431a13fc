/**
 * The dataset schema as JSON Schema, for dataset authors' editors. Generated from the
 * same Valibot definition the validator uses; the checked-in copy is schema/dataset.schema.json,
 * kept current by tests/unit/json-schema.test.ts (`npm run schema` rewrites it).
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { DatasetSchema } from './schema';

/** A name, not an address: nothing fetches it (DESIGN non-negotiable 2). */
export const DATASET_SCHEMA_ID = 'urn:counterclaim:schema:dataset';

/** Where the checked-in file lives, relative to the repository root. */
export const DATASET_SCHEMA_FILE = 'schema/dataset.schema.json';

export function datasetJsonSchema(): Record<string, unknown> {
  const generated = toJsonSchema(DatasetSchema, {
    // Default 'throw': an action that cannot be expressed must fail the test, not vanish.
    overrideAction({ valibotAction, jsonSchema }) {
      // Text fields are trimmed before their length checks; in JSON Schema the closest rule is
      // "contains something other than whitespace".
      if (valibotAction.type === 'trim') return { ...jsonSchema, pattern: '\\S' };
      return undefined;
    },
  });
  const { $schema, ...rest } = generated;
  return {
    $schema: $schema ?? 'http://json-schema.org/draft-07/schema#',
    $id: DATASET_SCHEMA_ID,
    title: 'Counterclaim dataset',
    description:
      'A pack of documented disputes (claims and the responses to them, each with source, date and citation) ' +
      'for the Counterclaim browser extension. This schema checks the shape only; the extension also ' +
      'checks that ids are unique, that every referenced source and entity exists, that dates are real ' +
      'and a response is not dated before its claim, that quotations have at most 25 words, that every ' +
      'claim has a response or a noResponse, and that no alias is ambiguous on its own.',
    ...rest,
  };
}
