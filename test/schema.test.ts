import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { OP_NAMES, parseGraph } from '../src/core';

const schema = JSON.parse(readFileSync('public/gradflow.graph.schema.json', 'utf8')) as { $defs: { node: { properties: { op: { enum: string[] } } } } };
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const examples = readdirSync('public/examples').filter((f) => f.endsWith('.json') && f !== 'index.json');

describe('the JSON Schema in public/', () => {
  it('lists exactly the operators of the table', () => {
    expect(schema.$defs.node.properties.op.enum, 'update public/gradflow.graph.schema.json when an operator is added').toEqual(OP_NAMES);
  });

  it.each(examples)('accepts the shipped example %s, as the parser does', (file) => {
    const text = readFileSync(`public/examples/${file}`, 'utf8');
    const ok = validate(JSON.parse(text));
    expect(validate.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
    expect(() => parseGraph(text)).not.toThrow();
  });

  it('accepts the spelled-out non-finite values the writer uses, as the parser does', () => {
    const file = JSON.parse(readFileSync('public/examples/xyz.json', 'utf8')) as { nodes: Record<string, unknown>[] };
    for (const spelled of ['Infinity', '-Infinity', 'NaN']) {
      file.nodes[0].value = spelled;
      expect(validate(file)).toBe(true);
      expect(parseGraph(JSON.stringify(file)).nodes[0].value).toBe(Number(spelled));
    }
  });

  it('refuses what the parser refuses at the field level', () => {
    const file = JSON.parse(readFileSync('public/examples/xyz.json', 'utf8')) as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[]; version: unknown };
    const broken = [
      (f: typeof file) => { f.nodes[0].value = 'ten'; },
      (f: typeof file) => { delete f.nodes[0].value; },
      (f: typeof file) => { f.nodes[3].op = 'plus'; },
      (f: typeof file) => { f.edges[0].targetPort = -1; },
      (f: typeof file) => { f.version = 0; },
    ];
    for (const mutate of broken) {
      const copy = structuredClone(file);
      mutate(copy);
      expect(validate(copy)).toBe(false);
      expect(() => parseGraph(JSON.stringify(copy))).toThrow();
    }
  });
});

describe('public/examples/index.json', () => {
  it('lists files that exist, each with a title and description', () => {
    const index = JSON.parse(readFileSync('public/examples/index.json', 'utf8')) as { file: string; title: string; description: string }[];
    expect(index.length).toBeGreaterThanOrEqual(5);
    for (const entry of index) {
      expect(examples).toContain(entry.file);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeGreaterThan(0);
    }
  });
});
