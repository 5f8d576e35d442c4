// How deeply an expression may nest. The parser (mathjs) and the graph builder recurse once per level,
// and a few hundred parentheses already exhaust a browser's stack; these checks refuse deeper input
// with a message before any recursion starts.
import type { MathNode } from 'mathjs/number';
import { GraphError, reason } from '../graph/errors';

/** Deepest nesting of parentheses (and brackets) an expression may hold. */
export const MAX_EXPRESSION_PARENTHESES = 64;
/** Deepest operator tree an expression may build; a chain of + or × counts as one level, as it becomes one node. */
export const MAX_EXPRESSION_DEPTH = 256;

const count = (n: number): string => n.toLocaleString('en-US');

/** Refuses text whose parentheses nest deeper than MAX_EXPRESSION_PARENTHESES, at the column where they do. */
export function checkParentheses(expr: string): void {
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth > MAX_EXPRESSION_PARENTHESES) {
        throw new GraphError(`expression: parentheses nest more than ${MAX_EXPRESSION_PARENTHESES} deep at column ${i + 1}`, { column: i + 1 }, 'limit',
          reason('expr.parenthesesDeep', { max: MAX_EXPRESSION_PARENTHESES, column: i + 1 }));
      }
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
}

/** The children of a parsed node, read from the fields mathjs gives each node type. */
function children(node: MathNode): MathNode[] {
  const o = node as unknown as { args?: MathNode[]; content?: MathNode; items?: MathNode[]; blocks?: { node: MathNode }[]; object?: MathNode; value?: unknown; index?: MathNode; condition?: MathNode; trueExpr?: MathNode; falseExpr?: MathNode; expr?: MathNode };
  // concat, not push(...): a call such as max(x1, …, x100000) has more arguments than a spread may pass.
  let out: MathNode[] = [];
  if (o.args !== undefined) out = out.concat(o.args);
  if (o.content !== undefined) out.push(o.content);
  if (o.items !== undefined) out = out.concat(o.items);
  if (o.blocks !== undefined) out = out.concat(o.blocks.map((b) => b.node));
  for (const key of ['object', 'index', 'condition', 'trueExpr', 'falseExpr', 'expr'] as const) {
    const child = o[key];
    if (typeof child === 'object' && child !== null && 'type' in child) out.push(child);
  }
  if (node.type === 'AssignmentNode' && typeof o.value === 'object' && o.value !== null) out.push(o.value as MathNode);
  return out;
}

/** True when `child` continues a chain of the same associative operator as `parent` (x+y+z is one add node). */
function sameChain(parent: MathNode, child: MathNode): boolean {
  const p = parent as unknown as { type: string; fn?: string };
  const c = child as unknown as { type: string; fn?: string };
  return p.type === 'OperatorNode' && c.type === 'OperatorNode' && p.fn === c.fn && (p.fn === 'add' || p.fn === 'multiply');
}

/** Refuses a parsed expression whose operator tree is deeper than MAX_EXPRESSION_DEPTH; walks with an explicit stack. */
export function checkTreeDepth(root: MathNode): void {
  const stack: { node: MathNode; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: MathNode; depth: number };
    if (depth > MAX_EXPRESSION_DEPTH) {
      throw new GraphError(`expression: operators nest more than ${count(MAX_EXPRESSION_DEPTH)} levels deep; split it or use parentheses to balance it`, {}, 'limit', reason('expr.expressionOperatorsNestMore', { MAX_EXPRESSION_DEPTH: count(MAX_EXPRESSION_DEPTH) }));
    }
    for (const child of children(node)) stack.push({ node: child, depth: sameChain(node, child) || node.type === 'ParenthesisNode' ? depth : depth + 1 });
  }
}

/** Every node of a parsed expression, without recursion (mathjs's own traverse recurses per level). */
export function allNodes(root: MathNode): MathNode[] {
  const out: MathNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as MathNode;
    out.push(node);
    for (const child of children(node)) stack.push(child);
  }
  return out;
}
