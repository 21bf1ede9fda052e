import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

// Chinese must render on a machine without CJK fonts, and the page loads nothing from elsewhere:
// Noto Sans SC (SIL Open Font License) is served from the package's woff2 subsets. Each subset
// covers a unicode-range, so a browser downloads only the few that the page's characters need.

const FONT_CSS = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css');

/** Copies the regular weight's woff2 files into `${dir}assets/fonts/` and returns their @font-face rules. */
export async function copyFonts(dir: string): Promise<string> {
  const css = await readFile(FONT_CSS, 'utf8');
  const files = [...new Set([...css.matchAll(/url\(\.\/files\/([\w-]+\.woff2)\)/g)].map((match) => match[1]!))];
  await mkdir(`${dir}assets/fonts`, { recursive: true });
  await Promise.all(files.map((file) => copyFile(path.join(path.dirname(FONT_CSS), 'files', file), `${dir}assets/fonts/${file}`)));
  // woff2 only: every browser the bundle targets reads it.
  return css.replace(
    /url\(\.\/files\/([\w-]+\.woff2)\) format\('woff2'\), url\(\.\/files\/[\w-]+\.woff\) format\('woff'\)/g,
    "url(/assets/fonts/$1) format('woff2')",
  );
}
