import { ColorType, type ChartOptions, type DeepPartial } from 'lightweight-charts';

/** Chart colours, read from the theme's CSS variables so charts follow the active theme. */
export interface ChartColors {
  background: string;
  text: string;
  grid: string;
  border: string;
  crosshair: string;
  accent: string;
  pos: string;
  neg: string;
}

export const FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readChartColors(el: Element = document.documentElement): ChartColors {
  const s = getComputedStyle(el);
  return {
    background: cssVar(s, '--chart-bg', '#11151c'),
    text: cssVar(s, '--text-muted', '#8a93a3'),
    grid: cssVar(s, '--chart-grid', '#1b212b'),
    border: cssVar(s, '--border', '#262d38'),
    crosshair: cssVar(s, '--chart-crosshair', '#5b6474'),
    accent: cssVar(s, '--accent', '#3d8bfd'),
    pos: cssVar(s, '--pos', '#26a69a'),
    neg: cssVar(s, '--neg', '#ef5350'),
  };
}

/** "#3d8bfd" with alpha 0.3 → "rgba(61, 139, 253, 0.3)"; other colour forms pass through. */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!m?.[1]) return color;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Options every Keel chart shares; `attributionLogo` stays on as the library's licence asks. */
export function themedChartOptions(c: ChartColors): DeepPartial<ChartOptions> {
  return {
    layout: {
      background: { type: ColorType.Solid, color: c.background },
      textColor: c.text,
      fontFamily: FONT_STACK,
      fontSize: 11,
      attributionLogo: true,
    },
    grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
    rightPriceScale: { borderColor: c.border },
    timeScale: { borderColor: c.border },
    crosshair: {
      vertLine: { color: c.crosshair, labelBackgroundColor: c.crosshair },
      horzLine: { color: c.crosshair, labelBackgroundColor: c.crosshair },
    },
  };
}
