import { EXPRESSION_FUNCTIONS, INFIX_OPERATORS } from '../core';

/** What the expression box accepts, from the operator table: the values of its tooltip's message. */
export const EXPRESSION_SYNTAX = {
  operators: Object.keys(INFIX_OPERATORS).join(' '),
  functions: Object.keys(EXPRESSION_FUNCTIONS).join(' '),
};
