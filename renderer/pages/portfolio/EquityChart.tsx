import { AreaSeries, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { useEffect } from 'react';
import type { PortfolioSummary } from '../../../main/contract';
import { withAlpha, type ChartColors } from '../../charts/chartColors';
import { useChart, type ChartHandle } from '../../charts/useChart';

type Series = ISeriesApi<'Area'>;

function areaColors(c: ChartColors) {
  return { lineColor: c.accent, topColor: withAlpha(c.accent, 0.28), bottomColor: withAlpha(c.accent, 0.02) };
}

function addSeries(chart: IChartApi, c: ChartColors): Series {
  return chart.addSeries(AreaSeries, { ...areaColors(c), lineWidth: 2, priceLineVisible: false });
}

function restyle(handle: ChartHandle<Series>, c: ChartColors): void {
  handle.series.applyOptions(areaColors(c));
}

/** Account equity per session. */
export function EquityChart({ points }: { points: PortfolioSummary['equityCurve'] }) {
  const { containerRef, handleRef } = useChart(addSeries, restyle);

  useEffect(() => {
    const handle = handleRef.current;
    if (!handle) return;
    handle.series.setData(points.map((p) => ({ time: p.date, value: p.equity })));
    handle.chart.timeScale().fitContent();
  }, [points, handleRef]);

  return <div className="chart" ref={containerRef} data-testid="equity-chart" />;
}
