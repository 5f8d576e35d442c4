/** Quiz mode's state: on or off, the score, and the verdict on the last answer. */
import { create } from 'zustand';

/** The verdict on the last answer: right or wrong, and the chain-rule line that gives the gradient. */
export interface QuizFeedback {
  right: boolean;
  /** The node the answer was about. */
  nodeId: string;
  line: string;
  /** What the learner typed, as a number. */
  typed: number;
}

/** Everything quiz mode shows. */
export interface QuizState {
  on: boolean;
  answer: string;
  /** Answers checked and answers right, since the quiz started. */
  answered: number;
  right: number;
  feedback: QuizFeedback | undefined;
  /** Set when what was typed is not a number. */
  unreadable: boolean;
}

/** The quiz store. */
export const useQuiz = create<QuizState>(() => ({ on: false, answer: '', answered: 0, right: 0, feedback: undefined, unreadable: false }));
