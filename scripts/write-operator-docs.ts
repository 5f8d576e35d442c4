// Writes docs/operators.md from the operator table.
import { writeFileSync } from 'node:fs';
import { operatorReference } from '../src/core/ops/reference';

writeFileSync(new URL('../docs/operators.md', import.meta.url), operatorReference());
