import { useState } from 'react';
import { graphFromExpression, OPS, type Graph } from '../core';
import { useEditor } from '../store';
import { tidy } from './layout';

/** The values of the current graph's inputs, by name, so retyping an expression keeps them. */
function currentValues(graph: Graph): Record<string, number> {
  const values: Record<string, number> = {};
  for (const node of graph.nodes) {
    if (node.op !== 'input' || typeof node.value !== 'number') continue;
    Object.defineProperty(values, node.label ?? node.id, { value: node.value, enumerable: true, configurable: true, writable: true });
  }
  return values;
}

/** The "Expression" box: Enter replaces the graph with the expression's, laid out left to right. */
export function ExpressionBox() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = async () => {
    const { graph, loadGraph, say } = useEditor.getState();
    if (text.trim() === '') return;
    try {
      const built = graphFromExpression(text, currentValues(graph));
      loadGraph(await tidy(built), `Built the graph of ${text.trim()} (${built.nodes.length} nodes).`);
      setError(undefined);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError(message);
      say('error', message);
    }
  };
  return (
    <div className="expression" data-ui="expression">
      <input
        type="text"
        aria-label="Expression"
        placeholder="Expression, e.g. (x+y)*z, then Enter"
        spellCheck={false}
        value={text}
        aria-invalid={error !== undefined}
        title={`Operators + - * / ^ and functions ${Object.keys(OPS).filter((op) => ['exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'max', 'min'].includes(op)).join(' ')}`}
        onChange={(e) => { setText(e.target.value); setError(undefined); }}
        onKeyDown={(e) => { if (e.key === 'Enter') void submit(); }}
      />
    </div>
  );
}
