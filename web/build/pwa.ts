// The installable app: a web manifest, icons drawn here (no file fetched from anywhere), and the
// service worker (web/src/sw/service-worker.ts) compiled with the list of this build's files to
// keep, so a new build installs a new worker and drops the old files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import ts from 'typescript';
import type { Plugin } from 'vite';

const WORKER_SOURCE = fileURLToPath(new URL('../src/sw/service-worker.ts', import.meta.url));
const THEME = '#0f223f';
const ICON_SIZES = [192, 512] as const;

/** A map pin over a red flag band: the portal's mark, at any size. */
const iconSvg = (size: number, maskable: boolean) => {
  const pad = maskable ? size * 0.2 : size * 0.08;
  const s = size - 2 * pad;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${maskable ? 0 : size * 0.18}" fill="${THEME}"/>
  <g transform="translate(${pad} ${pad}) scale(${s / 100})">
    <rect x="8" y="70" width="84" height="14" rx="3" fill="#d7261e"/>
    <path d="M50 8c-15 0-26 11-26 25 0 19 26 40 26 40s26-21 26-40C76 19 65 8 50 8z" fill="#f5c518"/>
    <circle cx="50" cy="33" r="9" fill="${THEME}"/>
  </g>
</svg>`;
};

const manifest = () => ({
  name: '扶贫一张图',
  short_name: '扶贫一张图',
  description: '精准扶贫一张图：村、安置点、项目与问题台账 / Targeted poverty alleviation on one map',
  lang: 'zh-CN',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: THEME,
  theme_color: THEME,
  icons: [
    ...ICON_SIZES.map((size) => ({ src: `/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' })),
    { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
});

export function pwa(): Plugin {
  return {
    name: 'pwa',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const icons: [string, Buffer][] = await Promise.all([
        ...ICON_SIZES.map(async (size): Promise<[string, Buffer]> => [`icon-${size}.png`, await sharp(Buffer.from(iconSvg(size, false))).png().toBuffer()]),
        (async (): Promise<[string, Buffer]> => ['icon-maskable-512.png', await sharp(Buffer.from(iconSvg(512, true))).png().toBuffer()])(),
      ]);
      for (const [fileName, source] of icons) this.emitFile({ type: 'asset', fileName, source });
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: JSON.stringify(manifest(), null, 2) });

      const files = [...Object.keys(bundle), 'manifest.webmanifest', ...icons.map(([name]) => name)].filter((name) => !name.endsWith('.map') && name !== 'index.html');
      const precache = ['/', ...files.map((name) => `/${name}`)].sort();
      const version = createHash('sha256').update(precache.join('\n')).update(readFileSync(WORKER_SOURCE)).digest('hex').slice(0, 12);
      const compiled = ts.transpileModule(readFileSync(WORKER_SOURCE, 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
      const body = compiled.replace(/^export \{\};\s*$/m, '');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: `const PRECACHE = ${JSON.stringify(precache)};\nconst VERSION = ${JSON.stringify(version)};\n${body}` });
    },
  };
}
