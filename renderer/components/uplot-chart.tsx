import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { GraphSeries } from '../../shared/prometheus/prometheus-views.ts';
import { formatValue, SERIES_COLOURS } from '../lib/graph-text.ts';
import { formatTimeOfDay } from '../lib/zone-time.ts';

// uPlot on a canvas, sized to its container. Colours come from the page's CSS variables (light and
// dark mode) and the series palette in workspace.css, so no inline style is needed. The canvas is
// hidden from assistive technology: IncidentGraph gives the text alternative beside it.

const HEIGHT = 150;

interface UplotChartProps {
  timestamps: readonly number[];
  series: readonly GraphSeries[];
  /** Epoch ms of the incident's start: a dashed vertical line. */
  markAt: number;
  /** The alert's threshold: a dashed horizontal line (and always within the y range). */
  threshold: number | null;
}

function cssVar(element: Element, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/** The palette lives in CSS (.graph-swatch--N); read it so the lines match the legend's swatches. */
function palette(container: HTMLElement): string[] {
  const probe = document.createElement('span');
  container.append(probe);
  const colours = Array.from({ length: SERIES_COLOURS }, (_, i) => {
    probe.className = `graph-swatch graph-swatch--${i}`;
    return getComputedStyle(probe).backgroundColor || '#5fa8ff';
  });
  probe.remove();
  return colours;
}

function markers(markAtSeconds: number, threshold: number | null, colour: string): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u) => {
          if (threshold !== null) {
            const y = u.valToPos(threshold, 'y', true);
            if (Number.isFinite(y) && y >= u.bbox.top && y <= u.bbox.top + u.bbox.height) {
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = colour;
              ctx.lineWidth = uPlot.pxRatio;
              ctx.setLineDash([2 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
              ctx.beginPath();
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
              ctx.restore();
            }
          }
        },
        (u) => {
          const x = u.valToPos(markAtSeconds, 'x', true);
          if (!Number.isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = colour;
          ctx.lineWidth = 2 * uPlot.pxRatio;
          ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillStyle = colour;
          ctx.font = `${11 * uPlot.pxRatio}px system-ui, sans-serif`;
          // Beside the line, on whichever side has room.
          const label = 'started';
          const width = ctx.measureText(label).width;
          const labelX = x + 4 * uPlot.pxRatio + width > u.bbox.left + u.bbox.width ? x - 4 * uPlot.pxRatio - width : x + 4 * uPlot.pxRatio;
          ctx.fillText(label, labelX, u.bbox.top + 12 * uPlot.pxRatio);
          ctx.restore();
        },
      ],
    },
  };
}

export function UplotChart({ timestamps, series, markAt, threshold }: UplotChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const build = (): uPlot => {
      const text = cssVar(element, '--muted', '#8b95a3');
      const grid = cssVar(element, '--border', '#2a313b');
      const mark = cssVar(element, '--critical', '#ff4d4f');
      const colours = palette(element);
      const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      const options: uPlot.Options = {
        width: Math.max(200, element.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true },
          // Keep the threshold on the graph even when every value is far below it.
          y: { range: (_u, min, max) => uPlot.rangeNum(Math.min(min ?? 0, threshold ?? Infinity), Math.max(max ?? 1, threshold ?? -Infinity), 0.1, true) },
        },
        axes: [
          { ...axis, values: (_u, splits) => splits.map((s) => formatTimeOfDay(s * 1000).slice(0, 5)) },
          { ...axis, size: 56, values: (_u, splits) => splits.map((v) => formatValue(v)) },
        ],
        series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: colours[i % colours.length], width: 1.5, spanGaps: false }))],
        plugins: [markers(markAt / 1000, threshold, mark)],
      };
      const data: uPlot.AlignedData = [timestamps.map((t) => t / 1000), ...series.map((s) => s.values)];
      return new uPlot(options, data, element);
    };
    let chart = build();
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    // Canvas colours are read once: redraw when the OS switches between light and dark.
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const redraw = () => {
      chart.destroy();
      chart = build();
    };
    scheme.addEventListener('change', redraw);
    return () => {
      scheme.removeEventListener('change', redraw);
      resize.disconnect();
      chart.destroy();
    };
  }, [timestamps, series, markAt, threshold]);
  return <div ref={container} className="incident-graph__canvas" data-testid="incident-graph-canvas" aria-hidden="true" />;
}
