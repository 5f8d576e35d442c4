// Writes what is generated from the operator table: docs/operators.md and the op list of the JSON Schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { OP_NAMES } from '../src/core/ops/table';
import { operatorReference } from '../src/core/ops/reference';

writeFileSync(new URL('../docs/operators.md', import.meta.url), operatorReference());

const schemaUrl = new URL('../public/gradflow.graph.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as { $defs: { node: { properties: { op: { enum: string[] } } } } };
schema.$defs.node.properties.op.enum = [...OP_NAMES];
writeFileSync(schemaUrl, JSON.stringify(schema, null, 2) + '\n');
