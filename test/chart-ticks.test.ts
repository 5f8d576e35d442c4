import { describe, expect, it } from 'vitest';
import { sameDecimals } from '../src/ui/training/ticks';

describe('chart tick labels', () => {
  it('use the decimals of the tick step on every tick', () => {
    expect(sameDecimals([0, 0.5])).toEqual(['0.0', '0.5']);
    expect(sameDecimals([0, 0.25, 0.5])).toEqual(['0.00', '0.25', '0.50']);
    expect(sameDecimals([0, 0.1 + 0.2, 0.6000000000000001])).toEqual(['0.0', '0.3', '0.6']);
    expect(sameDecimals([0, 20, 40])).toEqual(['0', '20', '40']);
    expect(sameDecimals([0.002])).toEqual(['0.002']);
  });
});
