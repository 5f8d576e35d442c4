// Writes what is generated from the operator table: docs/operators.md, docs/operators.zh.md and the op list of the JSON Schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { OP_NAMES } from '../src/core/ops/table';
import { LANGUAGES } from '../src/i18n';
import { OPERATOR_DOCS, operatorReference } from '../src/i18n/operatorDocs';

for (const { code } of LANGUAGES) writeFileSync(new URL(`../${OPERATOR_DOCS[code]}`, import.meta.url), operatorReference(code));

const schemaUrl = new URL('../public/gradflow.graph.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as { $defs: { node: { properties: { op: { enum: string[] } } } } };
schema.$defs.node.properties.op.enum = [...OP_NAMES];
writeFileSync(schemaUrl, JSON.stringify(schema, null, 2) + '\n');
