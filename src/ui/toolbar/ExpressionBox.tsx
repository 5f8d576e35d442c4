import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphFromExpression, type Graph } from '../core';
import { useEditor } from '../store';
import { EXPRESSION_SYNTAX } from './expressionHint';
import { LayoutCancelled, tidy, warmLayout } from './layout';
import { errorLine, i18n } from '../i18n';

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
  const { t } = useTranslation();
  const submit = async () => {
    const { graph, loadGraph, say } = useEditor.getState();
    if (text.trim() === '') return;
    try {
      const built = graphFromExpression(text, currentValues(graph));
      loadGraph(await tidy(built, i18n.t('layoutJob.whatExpression')), i18n.t('expression.built', { expression: text.trim(), count: built.nodes.length }));
      setError(undefined);
    } catch (e) {
      if (e instanceof LayoutCancelled) {
        say('info', i18n.t('layoutJob.expressionCancelled'));
        return;
      }
      const message = errorLine(e);
      setError(message);
      say('error', message);
    }
  };
  return (
    <div className="expression" data-ui="expression">
      <input
        type="text"
        aria-label={t('expression.label')}
        placeholder={t('expression.placeholder')}
        spellCheck={false}
        value={text}
        aria-invalid={error !== undefined}
        title={t('expression.title', EXPRESSION_SYNTAX)}
        onChange={(e) => { setText(e.target.value); setError(undefined); }}
        onFocus={warmLayout}
        onKeyDown={(e) => { if (e.key === 'Enter') void submit(); }}
      />
    </div>
  );
}
