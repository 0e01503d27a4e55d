/**
 * The first `npm start` serves the page while the demo history is still being written (issue 20):
 * this banner polls the web server's /demo-progress.json and says so ("正在生成演示数据… n/N"), then
 * offers a reload once the history is complete. A server without a demo answers { seeding: false }
 * (or nothing), and the banner never shows.
 */
import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useApp } from './context.tsx';

type Progress = { seeding: true; done: number; total: number } | { seeding: false };

const POLL_MS = 2000;
// Bounded: a first start writes its history in minutes; after an hour the banner stops asking.
const MAX_POLLS = 1800;

export function SeedingBanner() {
  const { t } = useApp();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [finished, setFinished] = useState(false);
  useEffect(() => {
    let stopped = false;
    let seen = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (n: number) => {
      let p: Progress = { seeding: false };
      try {
        const res = await fetch('./demo-progress.json', { cache: 'no-store' });
        if (res.ok) p = (await res.json()) as Progress;
      } catch {
        // The web server restarting its upstream: ask again.
        p = seen ? { seeding: true, done: 0, total: 0 } : { seeding: false };
      }
      if (stopped) return;
      if (p.seeding) {
        seen = true;
        setProgress(p);
        if (n < MAX_POLLS) timer = setTimeout(() => void poll(n + 1), POLL_MS);
      } else {
        setProgress(null);
        if (seen) setFinished(true);
      }
    };
    void poll(0);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, []);
  if (finished)
    return (
      <Alert
        type="success"
        showIcon
        banner
        data-testid="seeding-done"
        title={t('seedingDone')}
        action={<Button onClick={() => location.reload()}>{t('seedingReload')}</Button>}
      />
    );
  if (!progress?.seeding) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="seeding-banner"
      title={t('seedingBanner', { done: progress.done, total: progress.total })}
      description={t('seedingHint')}
    />
  );
}
