import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelLayout, useLayoutJob } from './layout';

const STAGE = { sending: 'layoutJob.sending', 'laying out': 'layoutJob.layingOut', placing: 'layoutJob.placing' } as const;
/** A layout quicker than this never shows its progress line, so small graphs do not flicker. */
const SHOW_AFTER_MS = 150;

/** The running layout's progress (what, how many nodes, stage, seconds so far) and its Cancel button. */
export function LayoutProgress() {
  const job = useLayoutJob((s) => s.job);
  const { t } = useTranslation();
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (job === undefined) return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [job]);
  if (job === undefined || now - job.started < SHOW_AFTER_MS) return null;
  const text = t('layoutJob.progress', { what: job.what, count: job.nodes, stage: t(STAGE[job.stage]), seconds: ((now - job.started) / 1000).toFixed(1) });
  return (
    <div className="layout-progress" role="status">
      <progress aria-label={text} />
      <span>{text}</span>
      <button type="button" onClick={cancelLayout} title={t('layoutJob.cancelTitle')}>{t('layoutJob.cancel')}</button>
    </div>
  );
}
