"""Nielsen's network.py (784-30-10 sigmoid, quadratic cost, batch 10, eta 3) in numpy, vectorised over
each mini-batch: the peer gradflow's Nielsen epoch is timed against. Reads DIR/train-x.f32 (n x 784,
float32, 0..1), DIR/train-y.u8, and prints one JSON line {"epochs_ms": [...], "accuracy": a}."""
import json
import sys
import time

import numpy as np

d = sys.argv[1]
epochs = int(sys.argv[2])
x = np.fromfile(f"{d}/train-x.f32", dtype=np.float32).reshape(-1, 784).astype(np.float64)
y = np.fromfile(f"{d}/train-y.u8", dtype=np.uint8)
tx = np.fromfile(f"{d}/test-x.f32", dtype=np.float32).reshape(-1, 784).astype(np.float64)
ty = np.fromfile(f"{d}/test-y.u8", dtype=np.uint8)
n = len(y)
onehot = np.eye(10)[y]
rng = np.random.default_rng(1)
w1 = rng.standard_normal((30, 784)); b1 = rng.standard_normal(30)
w2 = rng.standard_normal((10, 30)); b2 = rng.standard_normal(10)
sig = lambda z: 1 / (1 + np.exp(-z))
eta, m = 3.0, 10
times = []
cpu = []
for _ in range(epochs):
    t0 = time.perf_counter()
    c0 = time.process_time()
    order = rng.permutation(n)
    for k in range(0, n, m):
        idx = order[k:k + m]
        a0 = x[idx]
        a1 = sig(a0 @ w1.T + b1)
        a2 = sig(a1 @ w2.T + b2)
        d2 = (a2 - onehot[idx]) * a2 * (1 - a2)
        d1 = (d2 @ w2) * a1 * (1 - a1)
        s = eta / len(idx)
        w2 -= s * d2.T @ a1; b2 -= s * d2.sum(0)
        w1 -= s * d1.T @ a0; b1 -= s * d1.sum(0)
    times.append((time.perf_counter() - t0) * 1000)
    cpu.append((time.process_time() - c0) * 1000)
acc = float((sig(sig(tx @ w1.T + b1) @ w2.T + b2).argmax(1) == ty).mean())
print(json.dumps({"epochs_ms": times, "epochs_cpu_ms": cpu, "accuracy": acc}))
