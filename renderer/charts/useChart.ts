import { createChart, type ChartOptions, type DeepPartial, type IChartApi } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { formatMoney, formatMoneyCompact } from '../format';
import { useSettingsStore } from '../state/settingsStore';
import { readChartColors, themedChartOptions, type ChartColors } from './chartColors';

export interface ChartHandle<S> {
  chart: IChartApi;
  series: S;
}

/** Money on the axes (compact) and in the crosshair label (to the cent). */
const moneyLocalization: DeepPartial<ChartOptions> = {
  localization: {
    priceFormatter: (price: number) => formatMoney(price),
    tickmarksPriceFormatter: (prices: number[]) => prices.map((p) => formatMoneyCompact(p)),
  },
};

/**
 * Creates a lightweight-charts chart in the returned container, with the series `addSeries`
 * makes, re-themes it when the theme changes and removes it on unmount. `addSeries` and
 * `restyle` must be stable (module-level) functions.
 */
export function useChart<S>(
  addSeries: (chart: IChartApi, colors: ChartColors) => S,
  restyle: (handle: ChartHandle<S>, colors: ChartColors) => void,
) {
  const containerRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<ChartHandle<S> | null>(null);
  const theme = useSettingsStore((s) => s.theme);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const colors = readChartColors();
    const chart = createChart(container, {
      ...themedChartOptions(colors),
      ...moneyLocalization,
      autoSize: true,
      timeScale: { borderColor: colors.border, fixLeftEdge: true, fixRightEdge: true },
      handleScroll: { vertTouchDrag: false },
    });
    handleRef.current = { chart, series: addSeries(chart, colors) };
    return () => {
      handleRef.current = null;
      chart.remove();
    };
  }, [addSeries]);

  useEffect(() => {
    const handle = handleRef.current;
    if (!handle) return;
    const colors = readChartColors();
    handle.chart.applyOptions(themedChartOptions(colors));
    restyle(handle, colors);
  }, [theme, restyle]);

  return { containerRef, handleRef, theme };
}
