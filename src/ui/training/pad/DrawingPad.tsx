/** A pad to draw a digit on (mouse, pen or touch); the network's prediction appears as it is drawn. */
import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import { requestPrediction } from '../connection';
import { ProbabilityBars } from '../ProbabilityBars';
import { useTraining } from '../store';
import { SIDE, toMnist } from './downsample';

/** Pad side in canvas pixels; strokes are thick enough to come out about 2 pixels wide at 28 x 28. */
const PAD = 224;
const STROKE = 17;
/** Predictions while drawing are spaced at least this far apart (ms). */
const THROTTLE = 80;

/** The drawing, kept while the tab is closed (the side panel unmounts hidden tabs). */
let savedInk: ImageData | null = null;

/** The pad, what the network sees (28 x 28) and the probability bars. */
export function DrawingPad({ ready }: { ready: boolean }) {
  const pad = useRef<HTMLCanvasElement>(null);
  const seen = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const lastSent = useRef(0);
  const prediction = useTraining((s) => s.prediction);
  // New results mean a changed network (an epoch, a pause, loaded weights): ask it again.
  const results = useTraining((s) => s.results);
  const { t } = useTranslation();

  const send = (): void => {
    sendDrawing(pad.current, seen.current, ready);
    lastSent.current = performance.now();
  };

  useEffect(() => {
    const ctx = pad.current?.getContext('2d', { willReadFrequently: true });
    if (ctx && savedInk) ctx.putImageData(savedInk, 0, 0);
    return () => {
      savedInk = ctx ? ctx.getImageData(0, 0, PAD, PAD) : null;
    };
  }, []);

  // A network trained or loaded later answers for what is already on the pad.
  useEffect(() => {
    if (ready && results !== null) sendDrawing(pad.current, seen.current, ready);
  }, [ready, results]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>): { x: number; y: number } => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD, y: ((e.clientY - r.top) / r.height) * PAD };
  };

  const stroke = (to: { x: number; y: number }): void => {
    const ctx = pad.current?.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    const from = last.current ?? to;
    // Only the alpha channel is read back, so the ink can follow the theme.
    ctx.strokeStyle = getComputedStyle(ctx.canvas).color;
    ctx.lineWidth = STROKE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + 0.01, to.y);
    ctx.stroke();
    last.current = to;
  };

  const clear = (): void => {
    pad.current?.getContext('2d')?.clearRect(0, 0, PAD, PAD);
    showSeen(seen.current, new Float32Array(SIDE * SIDE));
    useTraining.setState({ prediction: null });
  };

  return (
    <section className="gf-train-pad" aria-label={t('training.pad')}>
      <h3>{t('training.drawDigit')}</h3>
      <div className="gf-pad-row">
        <div className="gf-pad-col">
          <canvas
            ref={pad}
            width={PAD}
            height={PAD}
            className="gf-pad"
            data-testid="drawing-pad"
            aria-label={t('training.padLabel')}
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              last.current = null;
              stroke(point(e));
            }}
            onPointerMove={(e) => {
              if (last.current === null || e.buttons === 0) return;
              stroke(point(e));
              if (performance.now() - lastSent.current > THROTTLE) send();
            }}
            onPointerUp={() => {
              last.current = null;
              send();
            }}
          />
          <div className="gf-train-row">
            <button type="button" onClick={clear}>{t('training.clear')}</button>
            <canvas ref={seen} width={SIDE} height={SIDE} className="gf-pad-seen" title={t('training.seen')} />
          </div>
        </div>
        {prediction !== null ? (
          <ProbabilityBars probabilities={prediction} />
        ) : (
          <p className="gf-train-dim">{ready ? t('training.drawHint') : t('training.trainFirst')}</p>
        )}
      </div>
    </section>
  );
}

/** Downsamples the pad like MNIST, shows the result, and asks the network about it when one is ready. */
function sendDrawing(canvas: HTMLCanvasElement | null, seen: HTMLCanvasElement | null, ready: boolean): void {
  const ctx = canvas?.getContext('2d', { willReadFrequently: true });
  if (!ctx) return;
  const rgba = ctx.getImageData(0, 0, PAD, PAD).data;
  const data = new Float32Array(PAD * PAD);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4 + 3] / 255;
  const pixels = toMnist({ width: PAD, height: PAD, data });
  showSeen(seen, pixels);
  if (ready && pixels.some((v) => v > 0)) requestPrediction(pixels);
}

/** Shows the 28 x 28 input as white ink on black, as MNIST stores it. */
function showSeen(canvas: HTMLCanvasElement | null, pixels: Float32Array): void {
  const ctx = canvas?.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(SIDE, SIDE);
  for (let i = 0; i < pixels.length; i++) {
    const v = Math.round(pixels[i] * 255);
    img.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(img, 0, 0);
}
