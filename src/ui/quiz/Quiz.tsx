import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { chainRuleText, parseAnswer, quizAnswerRight, quizQuestion, RELATIVE_TOLERANCE, type QuizQuestion } from '../../core/lessons';
import { isLayeredGraph, type Evaluation, type Graph } from '../core';
import { fmt } from '../format';
import { t } from '../i18n';
import { nodeName } from '../names';
import { passSteps } from '../store/phase';
import { useEditor } from '../store';
import { useQuiz } from './store';
import './quiz.css';

/** The chain-rule line of a question, with the graph's formula names. */
function line(graph: Graph, evaluation: Evaluation, question: QuizQuestion): string {
  return chainRuleText(question, nodeName(graph, evaluation.outputId!), (id) => nodeName(graph, id), fmt);
}

/** Turns quiz mode on (from the output's step, score zero) or off. */
export function toggleQuiz(): void {
  const { on } = useQuiz.getState();
  const editor = useEditor.getState();
  if (on) {
    useQuiz.setState({ on: false, feedback: undefined });
    return;
  }
  if (isLayeredGraph(editor.graph) || editor.evaluation?.outputId === undefined) {
    editor.say('error', t(isLayeredGraph(editor.graph) ? 'quiz.layered' : 'quiz.noOutput'));
    return;
  }
  useQuiz.setState({ on: true, answer: '', answered: 0, right: 0, feedback: undefined, unreadable: false });
  startPass();
}

/** Starts the backward pass at the output, whose gradient is 1 by definition. */
function startPass(): void {
  const editor = useEditor.getState();
  editor.resetSteps();
  editor.stepBackward();
}

/** Checks the typed gradient; a right one reveals the node's step, a wrong one shows the chain rule. */
export function checkQuizAnswer(): void {
  const { graph, evaluation, phase } = useEditor.getState();
  const quiz = useQuiz.getState();
  if (evaluation === undefined || phase.kind !== 'backward') return;
  const question = quizQuestion(evaluation, phase.done);
  if (question === undefined) return;
  const typed = parseAnswer(quiz.answer);
  if (typed === undefined) {
    useQuiz.setState({ unreadable: true });
    return;
  }
  const right = quizAnswerRight(question, typed);
  useQuiz.setState({
    answered: quiz.answered + 1, right: quiz.right + (right ? 1 : 0), unreadable: false, answer: right ? '' : quiz.answer,
    feedback: { right, nodeId: question.nodeId, line: line(graph, evaluation, question), typed },
  });
  if (right) useEditor.getState().stepBackward();
}

/** Gives up on the current question: shows its chain rule and reveals the step. */
function reveal(): void {
  const { graph, evaluation, phase } = useEditor.getState();
  if (evaluation === undefined || phase.kind !== 'backward') return;
  const question = quizQuestion(evaluation, phase.done);
  if (question === undefined) return;
  useQuiz.setState((s) => ({ answered: s.answered + 1, answer: '', unreadable: false, feedback: { right: false, nodeId: question.nodeId, line: line(graph, evaluation, question), typed: NaN } }));
  useEditor.getState().stepBackward();
}

/** The toolbar's "Quiz" toggle. */
export function QuizToggle() {
  const { t: tr } = useTranslation();
  const on = useQuiz((s) => s.on);
  return (
    <button type="button" data-ui="quiz" aria-pressed={on} className={on ? 'is-on' : undefined} title={tr('quiz.toggleTitle')} onClick={toggleQuiz}>
      {tr('quiz.toggle')}
    </button>
  );
}

/**
 * Hides every gradient the learner has not answered yet: node gradients until the node's step, edge
 * gradients until their source's step, the chain-rule bar (it gives the inputs' gradients away) and the edge card.
 */
function QuizMask({ stepped }: { stepped: readonly string[] }) {
  const css = useMemo(() => {
    const shown = stepped.map((id) => CSS.escape(id));
    return [
      '.quiz-on .op-grad, .quiz-on .edge-grad, .quiz-on .edge-detail, .quiz-on .chain-rule code { visibility: hidden; }',
      ...shown.map((id) => `.quiz-on .react-flow__node[data-id="${id}"] .op-grad, .quiz-on .edge-label[data-source="${id}"] .edge-grad { visibility: visible; }`),
    ].join('\n');
  }, [stepped]);
  useEffect(() => {
    document.body.classList.add('quiz-on');
    return () => document.body.classList.remove('quiz-on');
  }, []);
  return <style>{css}</style>;
}

/** The quiz bar: the next node's gradient to type, the verdict, the chain rule when wrong, and the score. */
export function QuizBar() {
  const { t: tr } = useTranslation();
  const on = useQuiz((s) => s.on);
  const { answer, answered, right, feedback, unreadable } = useQuiz();
  const graph = useEditor((s) => s.graph);
  const evaluation = useEditor((s) => s.evaluation);
  const phase = useEditor((s) => s.phase);
  const backward = phase.kind === 'backward' && evaluation !== undefined;
  const question = backward ? quizQuestion(evaluation, phase.done) : undefined;
  const stepped = useMemo(() => (backward ? passSteps(evaluation).backward.slice(0, phase.done).map((s) => s.nodeId) : []), [backward, evaluation, phase]);
  if (!on) return null;
  const out = evaluation?.outputId === undefined ? 'f' : nodeName(graph, evaluation.outputId);
  const score = tr('quiz.score', { right, answered });
  return (
    <section className="quiz-bar" aria-label={tr('quiz.label')}>
      <QuizMask stepped={stepped} />
      {question !== undefined ? (
        <form className="quiz-form" onSubmit={(e) => { e.preventDefault(); checkQuizAnswer(); }}>
          <label>
            <span className="quiz-question">{tr('quiz.question')} <code>d{out}/d{nodeName(graph, question.nodeId)} =</code></span>
            <input type="text" inputMode="decimal" spellCheck={false} autoFocus aria-label={tr('quiz.answerLabel', { name: `d${out}/d${nodeName(graph, question.nodeId)}` })}
              value={answer} onChange={(e) => useQuiz.setState({ answer: e.target.value, unreadable: false })} />
          </label>
          <button type="submit" className="accent">{tr('quiz.check')}</button>
          <button type="button" onClick={reveal}>{tr('quiz.reveal')}</button>
        </form>
      ) : backward ? (
        <p className="quiz-complete">{tr('quiz.complete', { right, answered })}</p>
      ) : (
        <button type="button" className="accent" onClick={startPass}>{tr('quiz.start')}</button>
      )}
      <p className="quiz-feedback" role="status" data-right={feedback === undefined ? undefined : String(feedback.right)}>
        {unreadable ? tr('quiz.unreadable') : feedback === undefined ? '' : feedback.right ? tr('quiz.right') : Number.isNaN(feedback.typed) ? tr('quiz.revealed') : tr('quiz.wrong', { typed: fmt(feedback.typed) })}
        {feedback !== undefined && !unreadable && <code className="quiz-line">{feedback.line}</code>}
      </p>
      <p className="quiz-score muted"><span>{score}</span> · {tr('quiz.tolerance', { percent: RELATIVE_TOLERANCE * 100 })}</p>
    </section>
  );
}
