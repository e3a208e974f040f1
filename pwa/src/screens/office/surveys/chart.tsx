/**
 * A small bar chart for the results screen: one row per value, its label, a bar scaled to
 * the largest value (SVG, decorative) and the figure written out, in a table so that
 * screen readers and keyboards read the figures, never only the bars' lengths.
 */
export interface Bar {
  key: string;
  label: string;
  value: number;
  /** The figure as written next to the bar ("12 · 40 %"). */
  text: string;
}

interface Props {
  caption: string;
  /** The column headings: what the rows are, and what the figure is. */
  labelHeading: string;
  valueHeading: string;
  bars: Bar[];
  /** The value of a full bar (default: the largest value). */
  max?: number;
}

export function BarChart({ caption, labelHeading, valueHeading, bars, max }: Props) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 0);
  return (
    <table class="bars">
      <caption class="visually-hidden">{caption}</caption>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">{labelHeading}</th>
          <th scope="col">{valueHeading}</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => {
          const share = top > 0 ? Math.max(0, bar.value) / top : 0;
          return (
            <tr key={bar.key}>
              <th scope="row">{bar.label}</th>
              <td>
                <div class="bar-cell">
                <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect class="track" x="0" y="0" width="100" height="10" />
                  <rect class="fill" x="0" y="0" width={(share * 100).toFixed(2)} height="10" />
                </svg>
                <span class="figure">{bar.text}</span>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
