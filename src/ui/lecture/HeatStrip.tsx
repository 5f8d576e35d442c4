/** A row of cells, one per neuron, coloured by sign and size: red positive, blue negative. */
import { i18n } from '../i18n';

/** Props of HeatStrip. */
export interface HeatStripProps {
  values: ArrayLike<number>;
  label: string;
  /** Colour scale bound; default the strip's own largest magnitude. */
  scale?: number;
}

/** Background colour of a value against a bound: white at 0, saturated at ±bound. */
export function divergingColour(v: number, bound: number): string {
  if (!Number.isFinite(v)) return 'rgb(150,150,150)';
  const f = bound > 0 ? Math.min(1, Math.abs(v) / bound) : 0;
  const fade = Math.round(255 * (1 - f));
  return v >= 0 ? `rgb(255,${fade},${fade})` : `rgb(${fade},${fade},255)`;
}

/** The strip; every cell's title gives its index and value. */
export function HeatStrip({ values, label, scale }: HeatStripProps) {
  let bound = scale ?? 0;
  if (scale === undefined) for (let k = 0; k < values.length; k++) bound = Math.max(bound, Math.abs(values[k]) || 0);
  const cells = Array.from({ length: values.length }, (_x, k) => values[k]);
  return (
    <div className="gf-heat-strip" role="img" data-values={cells.join(',')} aria-label={i18n.t('heatStrip.label', { label, count: cells.length, largest: bound.toPrecision(3) })}>
      {cells.map((v, k) => (
        <span key={k} style={{ background: divergingColour(v, bound) }} title={`${label}[${k}] = ${v.toPrecision(4)}`} />
      ))}
    </div>
  );
}
