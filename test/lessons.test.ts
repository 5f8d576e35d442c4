import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  answerMatches, backwardSteps, chainRuleText, checkTask, evaluate, fuseSubgraph, isKink, parseAnswer, parseGraph, quizQuestion,
  readLesson, readLessonList, setValue, taskNodes, type Graph, type Lesson, type LessonSnapshot, type LocalText,
} from '../src/core';

const dir = 'public/lessons';
const list = JSON.parse(readFileSync(`${dir}/index.json`, 'utf8')) as { lessons: string[] };
const texts = new Map(list.lessons.map((f) => [f, readFileSync(`${dir}/${f}`, 'utf8')]));
const lessons = list.lessons.map((f) => {
  const read = readLesson(texts.get(f)!);
  if (!read.ok) throw new Error(`${f}: ${JSON.stringify(read.problems)}`);
  return read.lesson;
});

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(JSON.parse(readFileSync('public/gradflow.graph.schema.json', 'utf8')), '../gradflow.graph.schema.json');
const validateLesson = ajv.compile(JSON.parse(readFileSync(`${dir}/lesson.schema.json`, 'utf8')));
const validateList = ajv.compile(JSON.parse(readFileSync(`${dir}/lessons.schema.json`, 'utf8')));

/** The graph a lesson opens. */
function graphOf(lesson: Lesson): Graph {
  if (lesson.graph === undefined) throw new Error(`${lesson.id} opens no graph`);
  return typeof lesson.graph === 'string' ? parseGraph(readFileSync(`public/examples/${lesson.graph}`, 'utf8')) : lesson.graph;
}

/** A snapshot of a freshly opened lesson: its graph, values only, nothing computed in the panels. */
const fresh = (lesson: Lesson, more: Partial<LessonSnapshot> = {}): LessonSnapshot => ({
  graph: graphOf(lesson), lessonGraph: graphOf(lesson), phase: { kind: 'values' }, gradCheck: false, ...more,
});

const byId = (id: string): Lesson => lessons.find((l) => l.id === id)!;
const backwardTo = (graph: Graph, node: string) => {
  const steps = backwardSteps(evaluate(graph));
  return { kind: 'backward' as const, done: steps.findIndex((s) => s.nodeId === node) + 1 };
};

describe('the shipped lessons', () => {
  it('follow the lecture in order, at least 12, with unique ids, covering topics 1 to 22', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(12);
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    const firsts = lessons.map((l) => Math.min(...l.topics));
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    const covered = new Set(lessons.flatMap((l) => l.topics));
    for (let topic = 1; topic <= 22; topic++) expect(covered.has(topic), `topic ${topic}`).toBe(true);
  });

  it('the list and every lesson pass the published JSON Schemas too', () => {
    expect(validateList(list), JSON.stringify(validateList.errors)).toBe(true);
    for (const [file, text] of texts) expect(validateLesson(JSON.parse(text)), `${file}: ${JSON.stringify(validateLesson.errors)}`).toBe(true);
    expect(readLessonList(list).ok).toBe(true);
  });

  it.each(list.lessons)('%s opens a graph that exists and names only its nodes', (file) => {
    const lesson = lessons[list.lessons.indexOf(file)];
    const graph = graphOf(lesson);
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const node of taskNodes(lesson.task)) expect(ids.has(node), `${file}: node ${node}`).toBe(true);
  });

  it('every text is written in English and in Chinese', () => {
    for (const lesson of lessons) {
      const all: LocalText[] = [lesson.title, ...lesson.body, ...lesson.hints, lesson.task.prompt];
      for (const text of all) {
        expect(text.en.length, lesson.id).toBeGreaterThan(0);
        expect(text.zh, `${lesson.id}: ${text.en}`).toBeDefined();
        // A line of words needs Chinese words; a line that is only a formula stays a formula.
        if (/[A-Za-z]{4,}/.test(text.en.replace(/Nielsen|MNIST|CIFAR|Sigmoid|Shift/g, ''))) expect(text.zh, `${lesson.id}: ${text.en}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('no task is done the moment its lesson opens', () => {
    for (const lesson of lessons) expect(checkTask(lesson.task, fresh(lesson)).done, lesson.id).toBe(false);
  });
});

describe('task checks by the engine', () => {
  it('answer: the loss of the SVM example is (2.3 + 1.75 + 0.7) / 3', () => {
    const lesson = byId('loss');
    expect(checkTask(lesson.task, fresh(lesson, { answer: '1.5833' }))).toEqual({ done: true });
    expect(checkTask(lesson.task, fresh(lesson, { answer: '4.75' }))).toEqual({ done: false, why: 'wrong-answer', node: 'L' });
    expect(checkTask(lesson.task, fresh(lesson, { answer: 'L' }))).toEqual({ done: false, why: 'no-answer', node: 'L' });
  });

  it('answer after a step: df/dq = -4 only once the backward pass reached x', () => {
    const lesson = byId('chain-rule');
    const graph = graphOf(lesson);
    expect(checkTask(lesson.task, fresh(lesson, { answer: '-4' }))).toEqual({ done: false, why: 'step-first', node: 'x' });
    const reached = backwardTo(graph, 'x');
    expect(checkTask(lesson.task, fresh(lesson, { answer: '-4', phase: { kind: 'backward', done: reached.done - 1 } })).done).toBe(false);
    expect(checkTask(lesson.task, fresh(lesson, { answer: '-4', phase: reached }))).toEqual({ done: true });
    expect(checkTask(lesson.task, fresh(lesson, { answer: '3', phase: reached })).done).toBe(false);
  });

  it('answers of the fan-out, sigmoid and numerical-gradient lessons are the lecture\'s numbers', () => {
    const cases: [string, string, string][] = [['fan-out', '7', 'x'], ['sigmoid-gates', '0.1966', 'dot'], ['numerical-gradient', '3', 'z']];
    for (const [id, answer, node] of cases) {
      const lesson = byId(id);
      const phase = lesson.task.kind === 'answer' && lesson.task.after !== undefined ? backwardTo(graphOf(lesson), node) : { kind: 'values' as const };
      expect(checkTask(lesson.task, fresh(lesson, { answer, phase })), id).toEqual({ done: true });
    }
  });

  it('reach: one gradient step on the SVM weights brings L below 1', () => {
    const lesson = byId('descent-by-hand');
    let graph = graphOf(lesson);
    const e = evaluate(graph);
    for (const w of ['w00', 'w01', 'w10', 'w11', 'w20', 'w21']) {
      const i = e.program.index.get(w)!;
      graph = setValue(graph, w, e.values[i] - 0.5 * e.grads[i]);
    }
    expect(checkTask(lesson.task, fresh(lesson, { graph }))).toEqual({ done: true });
  });

  it('kink: |x − 1| is not differentiable at x = 1 and is elsewhere', () => {
    const lesson = byId('kinks');
    const graph = graphOf(lesson);
    expect(isKink(graph, 'x')).toBe(false);
    expect(isKink(setValue(graph, 'x', 1), 'x')).toBe(true);
    expect(isKink(setValue(graph, 'x', 1.001), 'x')).toBe(false);
    expect(checkTask(lesson.task, fresh(lesson, { graph: setValue(graph, 'x', 1) }))).toEqual({ done: true });
  });

  it('gradient check: done when the toggle is on and the analytic gradients agree', () => {
    const lesson = byId('gradient-check');
    expect(checkTask(lesson.task, fresh(lesson))).toEqual({ done: false, why: 'check-off' });
    expect(checkTask(lesson.task, fresh(lesson, { gradCheck: true }))).toEqual({ done: true });
  });

  it('fuse: the four gates after the dot product as one gate keep every gradient', () => {
    const lesson = byId('sigmoid-gate');
    const fused = fuseSubgraph(graphOf(lesson), ['neg', 'ex', 'den', 'f']);
    expect(checkTask(lesson.task, fresh(lesson, { graph: fused }))).toEqual({ done: true });
    // A graph with fewer nodes but a different function is refused.
    const wrong = setValue(fused, 'w0', 1);
    expect(checkTask(lesson.task, fresh(lesson, { graph: wrong }))).toMatchObject({ done: false, why: 'grads-changed' });
  });

  it('panel tasks read the panels\' results', () => {
    expect(checkTask(byId('landscape-1d').task, fresh(byId('landscape-1d'), { landscape: { dims: 2, problem: 'graph' } })).done).toBe(false);
    expect(checkTask(byId('landscape-1d').task, fresh(byId('landscape-1d'), { landscape: { dims: 1, problem: 'graph' } })).done).toBe(true);
    const curves = [{ method: 'random' as const, finalLoss: 1.1, diverged: false }, { method: 'local' as const, finalLoss: 0.9, diverged: false }];
    expect(checkTask(byId('strategies').task, fresh(byId('strategies'), { strategies: curves })).done).toBe(false);
    expect(checkTask(byId('strategies').task, fresh(byId('strategies'), { strategies: [...curves, { method: 'gd', finalLoss: 0.1, diverged: false }] })).done).toBe(true);
    expect(checkTask(byId('step-size').task, fresh(byId('step-size'), { sweep: [{ learningRate: 0.1, diverged: false }] })).done).toBe(false);
    expect(checkTask(byId('step-size').task, fresh(byId('step-size'), { sweep: [{ learningRate: 25, diverged: true }] })).done).toBe(true);
    expect(checkTask(byId('four-equations').task, fresh(byId('four-equations'), { equations: { layers: 2, current: 1 } })).done).toBe(false);
    expect(checkTask(byId('four-equations').task, fresh(byId('four-equations'), { equations: { layers: 2, current: 0 } })).done).toBe(true);
    expect(checkTask(byId('mini-batch').task, fresh(byId('mini-batch'), { training: { accuracy: 0.85, batchSize: 100 } }))).toEqual({ done: false, why: 'batch-too-large' });
    expect(checkTask(byId('mini-batch').task, fresh(byId('mini-batch'), { training: { accuracy: 0.85, batchSize: 10 } })).done).toBe(true);
    expect(checkTask(byId('mnist').task, fresh(byId('mnist'), { training: { accuracy: 0.89, batchSize: 10 } })).done).toBe(false);
    expect(checkTask(byId('mnist').task, fresh(byId('mnist'), { training: { accuracy: 0.9, batchSize: 10 } })).done).toBe(true);
  });
});

describe('lesson files a teacher writes', () => {
  const good = JSON.parse(texts.get(list.lessons[0])!) as Record<string, unknown>;
  const variants: [string, unknown, string][] = [
    ['not JSON', '{', 'json'],
    ['wrong format', { ...good, format: 'gradflow.graph' }, 'format'],
    ['newer version', { ...good, version: 2 }, 'version'],
    ['bad id', { ...good, id: 'Loss Lesson' }, 'value'],
    ['no title', { ...good, title: undefined }, 'required'],
    ['unknown field', { ...good, script: 'alert(1)' }, 'unknown'],
    ['unknown task', { ...good, task: { kind: 'eval', prompt: { en: 'x' } } }, 'value'],
    ['task without node', { ...good, task: { kind: 'answer', prompt: { en: 'x' }, quantity: 'grad' } }, 'required'],
    ['topic 23', { ...good, topics: [23] }, 'value'],
    ['unknown panel', { ...good, panel: 'console' }, 'value'],
    ['graph path outside examples', { ...good, graph: '../secret.json' }, 'value'],
    ['broken inline graph', { ...good, graph: { format: 'gradflow.graph', version: 1, nodes: [{ id: 'a', op: 'nope' }], edges: [] } }, 'graph'],
    ['empty hints', { ...good, hints: [] }, 'size'],
  ];
  it.each(variants)('refuses %s with a problem naming it, as the schema does', (_name, value, code) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const read = readLesson(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems.map((p) => p.code)).toContain(code);
    if (typeof value !== 'string') expect(validateLesson(JSON.parse(text))).toBe(false);
  });

  it('accepts a lesson with an inline graph and English only, as the schema does', () => {
    const own = { ...good, id: 'my-lesson', graph: JSON.parse(readFileSync('public/examples/xyz.json', 'utf8')), title: { en: 'Mine' } };
    const read = readLesson(JSON.stringify(own));
    expect(read.ok).toBe(true);
    expect(validateLesson(own), JSON.stringify(validateLesson.errors)).toBe(true);
  });
});

describe('answers and the quiz', () => {
  it('reads decimals, the typographic minus and fractions, and nothing else', () => {
    expect(parseAnswer(' -4 ')).toBe(-4);
    expect(parseAnswer('−0.25')).toBe(-0.25);
    expect(parseAnswer('-1/9')).toBeCloseTo(-1 / 9, 15);
    expect(parseAnswer('1e-3')).toBe(0.001);
    for (const bad of ['', 'x', '2+2', '1/0', 'Infinity', 'alert(1)', '1/2/3']) expect(parseAnswer(bad), bad).toBeUndefined();
  });

  it('accepts answers within 1% and refuses answers outside it', () => {
    expect(answerMatches(0.197, 0.19661193324148188)).toBe(true);
    expect(answerMatches(0.2, 0.19661193324148188)).toBe(false);
    expect(answerMatches(-4.03, -4)).toBe(true);
    expect(answerMatches(-4.05, -4)).toBe(false);
    expect(answerMatches(0, 0)).toBe(true);
    expect(answerMatches(1e-3, 0)).toBe(false);
  });

  it('asks each node of (x+y)z in backward order with the lecture\'s gradients and chain rule', () => {
    const evaluation = evaluate(parseGraph(readFileSync('public/examples/xyz.json', 'utf8')));
    const asked = [];
    for (let done = 1; ; done++) {
      const q = quizQuestion(evaluation, done);
      if (q === undefined) break;
      asked.push([q.nodeId, q.grad]);
    }
    expect(Object.fromEntries(asked)).toEqual({ q: -4, z: 3, x: -4, y: -4 });
    const q = quizQuestion(evaluation, backwardSteps(evaluation).findIndex((s) => s.nodeId === 'x'))!;
    expect(chainRuleText(q, 'f', (id) => id, String)).toBe('df/dx = df/dq · dq/dx = -4 · 1 = -4');
  });

  it('sums the terms of a fan-out: df/dx = 2x + 1 = 7 at x = 3', () => {
    const evaluation = evaluate(parseGraph(readFileSync('public/examples/fan-out.json', 'utf8')));
    const steps = backwardSteps(evaluation);
    const q = quizQuestion(evaluation, steps.findIndex((s) => s.nodeId === 'x'))!;
    expect(q.grad).toBe(7);
    expect(q.terms.map((t) => t.upstream * t.localGrad).reduce((a, b) => a + b)).toBe(7);
    expect(chainRuleText(q, 'f', (id) => id, String)).toBe('df/dx = df/df · df/dx + df/dxx · dxx/dx + df/dxx · dxx/dx = 1 · 1 + 1 · 3 + 1 · 3 = 7');
  });
});

describe('lesson share links', () => {
  it('carry a lesson whole and refuse a damaged one without opening anything', async () => {
    const { lessonFromHash, lessonLinkHash } = await import('../src/ui/lessons/loader');
    const text = texts.get(list.lessons[10])!;
    const back = lessonFromHash(lessonLinkHash(text));
    expect(back?.ok && back.value).toEqual(lessons[10]);
    expect(lessonFromHash('#graph=abc')).toBeUndefined();
    const broken = lessonFromHash(`${lessonLinkHash(text).slice(0, 40)}`);
    expect(broken?.ok).toBe(false);
  });
});
