/**
 * Fails when the web app calls antd's static feedback functions (`Modal.confirm`, `Modal.info`, …,
 * `message.success`, `notification.open`, …). They render outside the app's ConfigProvider, so
 * they ignore what the user chose there: the language (antd's own texts), large type, and reduced
 * motion — a static confirmation zooms in even for a user who asked for less motion, and a tap
 * during that animation can miss its button (it did in CI: a lost tap on 确认提交). The app's
 * `useConfirm()` (packages/web/src/app/ui.tsx) and `App.useApp()` render inside it. Run by
 * `npm run lint`; `--root DIR` checks another tree.
 */
import { libraryFiles, runCheck } from './library-sources.ts';

const STATIC_CALL =
  /\b(?:Modal\.(?:confirm|info|success|error|warning|warn)|message\.(?:success|error|info|warning|warn|loading|open)|notification\.(?:open|success|error|info|warning|warn))\s*\(/g;

/** Problems under `root`: `path:line: what`. */
export function staticUiProblems(root: string): string[] {
  const problems: string[] = [];
  for (const { pkg, rel, text, lineOf } of libraryFiles(root)) {
    if (pkg !== 'web') continue;
    for (const m of text.matchAll(STATIC_CALL)) {
      problems.push(
        `${rel}:${lineOf(m.index)}: antd's static ${m[0].replace(/\s*\($/, '')} ignores the app's language, large type and reduced motion; use useConfirm() or App.useApp()`,
      );
    }
  }
  return problems;
}

if (import.meta.main)
  runCheck(
    'static UI check',
    staticUiProblems,
    "the web app's confirmations and messages render inside its ConfigProvider",
  );
