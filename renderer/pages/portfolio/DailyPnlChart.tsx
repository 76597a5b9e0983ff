import { HistogramSeries, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { useEffect } from 'react';
import type { PortfolioSummary } from '../../../main/contract';
import { readChartColors, type ChartColors } from '../../charts/chartColors';
import { useChart } from '../../charts/useChart';

type Series = ISeriesApi<'Histogram'>;
type Points = PortfolioSummary['dailyPnl'];

function addSeries(chart: IChartApi, c: ChartColors): Series {
  return chart.addSeries(HistogramSeries, { color: c.pos, priceLineVisible: false, base: 0 });
}

function restyle(): void {
  // Bar colours are per point; the data effect below recolours them on a theme change.
}

function bars(points: Points, c: ChartColors) {
  return points.map((p) => ({ time: p.date, value: p.pnl, color: p.pnl < 0 ? c.neg : c.pos }));
}

/** Profit or loss of each session: green up, red down. */
export function DailyPnlChart({ points }: { points: Points }) {
  const { containerRef, handleRef, theme } = useChart(addSeries, restyle);

  useEffect(() => {
    const handle = handleRef.current;
    if (!handle) return;
    handle.series.setData(bars(points, readChartColors()));
    handle.chart.timeScale().fitContent();
  }, [points, theme, handleRef]);

  return <div className="chart" ref={containerRef} data-testid="daily-pnl-chart" />;
}
