import { ReactFlowProvider } from '@xyflow/react';
import { AppEffects } from './AppEffects';
import { Canvas } from './canvas/Canvas';
import { ErrorBoundary } from './ErrorBoundary';
import { Palette } from './palette/Palette';
import { useShell } from './shell/layout';
import { usePresentationKeys } from './shell/presentation';
import { ExitPresentation } from './shell/ShellButtons';
import { SidePanel } from './SidePanel';
import { ChainRuleLine } from './stepper/ChainRuleLine';
import { ExpressionBox } from './toolbar/ExpressionBox';
import { Formula } from './toolbar/Formula';
import { Toolbar } from './toolbar/Toolbar';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import { LessonPanel } from './lessons/LessonPanel';
import { QuizBar } from './quiz/Quiz';

const flag = (on: boolean): '' | undefined => (on ? '' : undefined);

/**
 * The gradflow app shell: header (expression, formula), toolbar, chain-rule line, palette, canvas, side panel.
 * Its data attributes tell styles.css which columns show, which drawer is open on a phone, and presentation mode.
 */
export function App() {
  const { palette, panel, drawer, presenting } = useShell();
  usePresentationKeys();
  return (
    <ErrorBoundary area="app">
      <ReactFlowProvider>
        <AppEffects />
        <div className="app" data-palette-hidden={flag(!palette)} data-panel-hidden={flag(!panel)} data-drawer={drawer} data-presenting={flag(presenting)}>
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
            <ExitPresentation />
          </main>
          <ErrorBoundary area="quiz"><QuizBar /></ErrorBoundary>
          <ErrorBoundary area="lessons"><LessonPanel /></ErrorBoundary>
        </div>
      </ReactFlowProvider>
    </ErrorBoundary>
  );
}
