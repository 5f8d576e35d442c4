import type { Activation, Dims, LayerSpec, Network, NetworkSpec, TrainOptions } from '../net/types';
import { commentText, float64Base64, identifiers, PYTHON_RANDOM, pyFloat, pyString, wrappedLiteral } from './python';
import { PYTHON_TRAINING } from './pythonTraining';
import type { OptimizerSettings } from '../net/optimizer';

/** What the PyTorch export of a network needs besides the spec. */
export interface PytorchNetworkOptions {
  /** The training run the script performs by default (epochs, batch, η, seed, L2, optimiser). */
  training: TrainOptions;
  /** Trained parameters to embed; without them build() initialises from the seed as gradflow does. */
  weights?: Network;
  /** The gradflow.graph file value, written into weights files the script saves so gradflow can open them. */
  graphFile?: unknown;
  /** Shown in the script's first line. */
  title?: string;
}

/** Module names the script itself uses, which layer names must not take. */
const RESERVED = ['layers', 'output', 'forward', 'training', 'softmax_out'];

/**
 * PyTorch's module for each activation of the operator table (a test walks the table for missing ones).
 * Softplus switches to x above its threshold: 40 keeps that switch below float64's resolution, where
 * PyTorch's default 20 would differ from ln(1 + e^x) by 2e-9.
 */
export const TORCH_MODULES: Partial<Record<Activation, string>> = { sigmoid: 'nn.Sigmoid()', relu: 'nn.ReLU()', tanh: 'nn.Tanh()', softplus: 'nn.Softplus(beta=1, threshold=40)' };

/** One entry of the nn.Sequential: its name, the module, and the comment that ties it to the graph node. */
interface ModuleEntry {
  name: string;
  module: string;
  comment: string;
}

const dimsText = (dims: Dims): string => dims.join('x');

/**
 * The nn.Sequential entries of one layer, given the shape it receives: usually one module, plus an
 * nn.Flatten before a dense layer or softmax that receives an image (gradflow flattens there itself)
 * and an nn.ZeroPad2d before a convolution padded more below and right than above and left ("same"
 * with an odd total, as TensorFlow pads).
 */
function moduleEntries(layer: LayerSpec, name: string, input: Dims): ModuleEntry[] {
  const id = commentText(layer.nodeId);
  const flat = input.length > 1 ? [{ name: `${name}_flatten`, module: 'nn.Flatten()', comment: `'${id}' reads the ${dimsText(input)} image as one vector` }] : [];
  switch (layer.kind) {
    case 'dense':
      return [...flat, { name, module: `nn.Linear(${layer.inputSize}, ${layer.units})`, comment: `dense '${id}': ${layer.inputSize} -> ${layer.units}, ${layer.init} init` }];
    case 'conv2d': {
      const g = layer.geometry;
      const padBottom = Math.max(0, (g.outHeight - 1) * g.stride + g.kernel - g.height - g.padTop);
      const padRight = Math.max(0, (g.outWidth - 1) * g.stride + g.kernel - g.width - g.padLeft);
      const symmetric = padBottom === g.padTop && padRight === g.padLeft;
      const padding = symmetric && (g.padTop > 0 || g.padLeft > 0) ? `, padding=(${g.padTop}, ${g.padLeft})` : '';
      const conv = {
        name,
        module: `nn.Conv2d(${g.channels}, ${g.filters}, ${g.kernel}, stride=${g.stride}${padding})`,
        comment: `conv2d '${id}': ${g.channels}x${g.height}x${g.width} -> ${g.filters}x${g.outHeight}x${g.outWidth}, ${g.kernel}x${g.kernel} kernel, stride ${g.stride}, ${layer.init} init`,
      };
      if (symmetric) return [conv];
      // nn.ZeroPad2d takes (left, right, top, bottom).
      return [{ name: `${name}_pad`, module: `nn.ZeroPad2d((${g.padLeft}, ${padRight}, ${g.padTop}, ${padBottom}))`, comment: `"same" padding of '${id}'` }, conv];
    }
    case 'maxpool': {
      const g = layer.geometry;
      return [{ name, module: `nn.MaxPool2d(${g.size}, stride=${g.stride})`, comment: `maxpool '${id}': ${g.channels}x${g.height}x${g.width} -> ${g.channels}x${g.outHeight}x${g.outWidth}` }];
    }
    case 'flatten':
      return [{ name, module: 'nn.Flatten()', comment: `flatten '${id}': ${dimsText(input)} -> ${layer.size}` }];
    case 'dropout':
      return [{ name, module: `GradflowDropout(${pyFloat(layer.rate)}, ${layer.size})`, comment: `dropout '${id}', rate ${layer.rate}` }];
    case 'activation': {
      const module = TORCH_MODULES[layer.activation];
      if (module === undefined) throw new Error(`no PyTorch module for activation ${layer.activation}`);
      return [{ name, module, comment: `${layer.activation} '${id}'` }];
    }
    case 'softmax':
      return [...flat, { name, module: 'nn.Softmax(dim=1)', comment: `softmax '${id}'` }];
    default: {
      const never: never = layer;
      throw new Error(`no PyTorch module for layer ${JSON.stringify(never)}`);
    }
  }
}

/** The optimiser as a Python dict literal, gradflow's defaults filled in (μ 0.9; β1 0.9, β2 0.999, ε 1e-8). */
function pythonOptimizer(o: OptimizerSettings): string {
  switch (o.kind) {
    case 'sgd': return '{"kind": "sgd"}';
    case 'momentum': return `{"kind": "momentum", "momentum": ${pyFloat(o.momentum ?? 0.9)}}`;
    case 'adam': return `{"kind": "adam", "beta1": ${pyFloat(o.beta1 ?? 0.9)}, "beta2": ${pyFloat(o.beta2 ?? 0.999)}, "epsilon": ${pyFloat(o.epsilon ?? 1e-8)}}`;
    default: {
      const never: never = o.kind;
      throw new Error(`unknown optimizer ${String(never)}`);
    }
  }
}

/** The loss per sample, as gradflow computes it (a batch's loss is the mean). */
function lossFunction(spec: NetworkSpec): string {
  switch (spec.loss) {
    case 'mse':
      return `def loss_per_sample(output, labels):
    """Quadratic cost C = 1/2 ||y - a||^2 per sample, y one-hot (Nielsen's; gradflow's mse)."""
    y = F.one_hot(labels, CLASSES).to(output.dtype)
    return 0.5 * ((output - y) ** 2).sum(dim=1)`;
    case 'cross_entropy':
      return `def loss_per_sample(logits, labels):
    """Cross-entropy C = -ln p_y on the softmax's input: log-softmax stays finite where p_y underflows, and its gradient is p - y as gradflow's."""
    return F.cross_entropy(logits, labels, reduction="none")`;
    case 'svm':
      return `def loss_per_sample(scores, labels):
    """Multiclass hinge C = sum over j != y of max(0, s_j - s_y + 1); relu's gradient is 0 at the margin, as gradflow's."""
    correct = scores.gather(1, labels[:, None])
    others = 1 - F.one_hot(labels, CLASSES).to(scores.dtype)
    return (torch.relu(scores - correct + 1) * others).sum(dim=1)`;
    default: {
      const never: never = spec.loss;
      throw new Error(`unknown loss ${String(never)}`);
    }
  }
}

/**
 * A runnable PyTorch program for a compiled network: an nn.Module built layer by layer as the graph
 * draws it, build(), the loss, and gradflow's training loop (same generator, initialisation, shuffle,
 * batches and update), on CPU, GPU or several processes under torchrun (DistributedDataParallel).
 */
export function networkToPytorch(spec: NetworkSpec, options: PytorchNetworkOptions): string {
  const { training } = options;
  const last = spec.layers[spec.layers.length - 1];
  // Cross-entropy reads the softmax's input (log-softmax), so the final softmax sits outside the Sequential.
  const splitSoftmax = spec.loss === 'cross_entropy' && last?.kind === 'softmax';
  const body = splitSoftmax ? spec.layers.slice(0, -1) : spec.layers;
  const names = identifiers(spec.layers.map((l) => l.nodeId), 'layer_', RESERVED);
  const inputOf = (index: number): Dims => (index === 0 ? spec.inputDims : spec.layerDims[index - 1]);
  const lines = body.flatMap((layer, index) => moduleEntries(layer, names.get(layer.nodeId) as string, inputOf(index)))
    .map(({ name, module, comment }) => `            (${pyString(name)}, ${module}),  # ${comment}`);
  const paramLayers = spec.layers.filter((l) => l.kind === 'dense' || l.kind === 'conv2d');
  const drawn = spec.summary.map((s) => `    ${commentText(s, 200)}`).join('\n');
  const weights = options.weights
    ? `(\n${wrappedLiteral(float64Base64(options.weights.dense.flatMap((d) => [d.weights, d.biases])))}\n)`
    : 'None';
  const forward = splitSoftmax
    ? `    def forward(self, x, logits=False):
        """The values the loss reads: probabilities, or with logits=True the softmax's input."""
        z = self.layers(x)
        return z if logits else self.softmax_out(z)`
    : `    def forward(self, x, logits=False):
        """The values the loss reads (the last layer's output)."""
        return self.layers(x)`;
  const softmaxMember = splitSoftmax
    ? `\n        self.softmax_out = nn.Softmax(dim=1)  # softmax '${commentText(last.nodeId)}'`
    : '';
  const paramList = paramLayers
    .map((l) => (l.kind === 'dense' || l.kind === 'conv2d' ? `    (${pyString(names.get(l.nodeId) as string)}, ${pyString(l.nodeId)}, ${pyString(l.init)}, ${l.inputSize}, ${l.units}),` : ''))
    .join('\n');
  const title = commentText(options.title ?? 'network');

  return `#!/usr/bin/env python3
"""${title}: a gradflow network as a PyTorch program.

The network, as the graph draws it:
${drawn}

  python3 net.py --data DIR [--epochs N]              train on the MNIST IDX files in DIR (or --data FILE.csv), on the GPU if there is one
  torchrun --nproc_per_node 2 net.py --data DIR       the same in 2 processes (DistributedDataParallel)
  python3 -c "import net; print(net.build())"         the model alone

Same seed, same result: gradflow's generator, initialisation, shuffle and mini-batch update are
ported below, so in float64 this script trains the weights gradflow trains, to rounding.
"""
import argparse
import base64
import gzip
import json
import math
import os
import re
import struct
import sys
from collections import OrderedDict

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F

# The graph's training settings.
EPOCHS = ${training.epochs}
BATCH_SIZE = ${training.batchSize}
LEARNING_RATE = ${pyFloat(training.learningRate)}
SEED = ${Math.trunc(training.seed)}
L2 = ${pyFloat(training.l2 ?? 0)}
OPTIMIZER = ${pythonOptimizer(training.optimizer ?? { kind: 'sgd' })}
INPUT_SHAPE = (${spec.inputDims.join(', ')}${spec.inputDims.length === 1 ? ',' : ''})
CLASSES = ${spec.outputSize}
LOSS = ${pyString(spec.loss)}

# Layers with parameters, in order: (module name, gradflow node id, init, inputs, units).
PARAMETER_LAYERS = [
${paramList}
]


class GradflowDropout(nn.Module):
    """Inverted dropout with gradflow's masks: while training, a value is kept with probability 1 - rate and
    scaled by 1/(1 - rate). The training loop draws each sample's mask from gradflow's generator (set_masks),
    so a run reproduces gradflow's; when evaluating it does nothing."""

    def __init__(self, rate, size):
        super().__init__()
        self.rate = rate
        self.size = size
        self.mask = None

    def forward(self, x):
        if not self.training or self.mask is None:
            return x
        return x * self.mask.to(x.dtype).view_as(x)


class Net(nn.Module):
    """The network, layer by layer as the graph draws it."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(OrderedDict([
${lines.join('\n')}
        ]))${softmaxMember}

${forward}

    def parameter_layers(self):
        """The modules with weights and biases, in PARAMETER_LAYERS order."""
        return [getattr(self.layers, name) for name, *_ in PARAMETER_LAYERS]

    def dropout_layers(self):
        """The dropout modules, in forward order."""
        return [m for m in self.layers if isinstance(m, GradflowDropout)]


${lossFunction(spec)}


${PYTHON_RANDOM}

def init_gradflow(model, seed):
    """gradflow's initialisation: per layer, N(0, 1) biases (normal init) drawn first, then the weights
    row by row, N(0, 1) (normal), N(0, 1/inputs) (xavier) or N(0, 2/inputs) (he); zero biases otherwise."""
    rng = GradflowRandom(seed)
    with torch.no_grad():
        for module, (_, _, init, inputs, units) in zip(model.parameter_layers(), PARAMETER_LAYERS):
            biases = [rng.normal() for _ in range(units)] if init == "normal" else [0.0] * units
            scale = {"normal": 1.0, "xavier": math.sqrt(1 / inputs), "he": math.sqrt(2 / inputs)}[init]
            weights = [rng.normal() * scale for _ in range(units * inputs)]
            module.bias.copy_(torch.tensor(biases, dtype=torch.float64))
            module.weight.copy_(torch.tensor(weights, dtype=torch.float64).view_as(module.weight))
    return model


# The exported weights (float64, little-endian, per layer the weights row-major then the biases), or None.
WEIGHTS = ${weights}


def set_flat_weights(model, values):
    """Loads the layers' parameters from one flat float64 tensor (weights row-major, then biases, per layer)."""
    at = 0
    with torch.no_grad():
        for module in model.parameter_layers():
            for param in (module.weight, module.bias):
                n = param.numel()
                param.copy_(values[at:at + n].view_as(param))
                at += n
    return model


def build(weights=None, dtype=torch.float64):
    """The network: with \`weights\` (a gradflow weights file's path), else the exported weights, else gradflow's initialisation from SEED."""
    model = Net().to(torch.float64)
    if weights is not None:
        load_weights(model, weights)
    elif WEIGHTS is not None:
        set_flat_weights(model, torch.frombuffer(bytearray(base64.b64decode(WEIGHTS)), dtype=torch.float64))
    else:
        init_gradflow(model, SEED)
    return model.to(dtype)


# The graph file, written into the weights files this script saves so gradflow opens them.
GRAPH = json.loads(${pyString(JSON.stringify(options.graphFile ?? null))})


${PYTHON_TRAINING}`;
}
