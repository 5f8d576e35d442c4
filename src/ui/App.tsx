import { ReactFlowProvider } from '@xyflow/react';
import { AppEffects } from './AppEffects';
import { Canvas } from './canvas/Canvas';
import { ErrorBoundary } from './ErrorBoundary';
import { Palette } from './palette/Palette';
import { SidePanel } from './SidePanel';
import { ChainRuleLine } from './stepper/ChainRuleLine';
import { ExpressionBox } from './toolbar/ExpressionBox';
import { Formula } from './toolbar/Formula';
import { Toolbar } from './toolbar/Toolbar';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import { LessonPanel } from './lessons/LessonPanel';
import { QuizBar } from './quiz/Quiz';

/** The gradflow app shell: header (expression, formula), toolbar, chain-rule line, palette, canvas, side panel. */
export function App() {
  return (
    <ErrorBoundary area="app">
      <ReactFlowProvider>
        <AppEffects />
        <div className="app">
          <header className="app-header">
            <h1 className="brand" translate="no">grad<span>flow</span></h1>
            <ExpressionBox />
            <ErrorBoundary area="formula"><Formula /></ErrorBoundary>
            <LanguageSwitch />
          </header>
          <Toolbar />
          <ChainRuleLine />
          <main className="workspace">
            <ErrorBoundary area="palette"><Palette /></ErrorBoundary>
            <ErrorBoundary area="canvas"><Canvas /></ErrorBoundary>
            <SidePanel />
          </main>
          <ErrorBoundary area="quiz"><QuizBar /></ErrorBoundary>
          <ErrorBoundary area="lessons"><LessonPanel /></ErrorBoundary>
        </div>
      </ReactFlowProvider>
    </ErrorBoundary>
  );
}
