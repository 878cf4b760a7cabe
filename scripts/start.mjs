// `npm start`: build and open the Electron app, or explain plainly why it cannot and what to run instead.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

if (!electronBinary()) {
  console.error(
    [
      'Admit: no Electron binary is installed here (it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1,',
      'or its download failed), so the desktop app cannot open.',
      '',
      'Run the same app in your browser instead:   npm run web',
      'To get the desktop app, reinstall Electron where it can be downloaded:   npm rebuild electron',
    ].join('\n'),
  );
  process.exit(1);
}

const result = spawnSync('npx', ['electron-vite', 'preview'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
