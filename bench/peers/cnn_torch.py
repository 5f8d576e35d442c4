"""The CNN example (1x28x28 -> conv 8 5x5 -> relu -> maxpool 2 -> conv 16 5x5 -> relu -> maxpool 2 ->
dense 10 -> softmax -> cross-entropy, Adam 0.003, batch 32) in PyTorch on one CPU thread, float32: the
peer gradflow's CNN epoch is timed against. Same data files as nielsen_numpy.py; prints one JSON line."""
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(1)
d = sys.argv[1]
epochs = int(sys.argv[2])
x = torch.from_numpy(np.fromfile(f"{d}/train-x.f32", dtype=np.float32).reshape(-1, 1, 28, 28))
y = torch.from_numpy(np.fromfile(f"{d}/train-y.u8", dtype=np.uint8).astype(np.int64))
tx = torch.from_numpy(np.fromfile(f"{d}/test-x.f32", dtype=np.float32).reshape(-1, 1, 28, 28))
ty = torch.from_numpy(np.fromfile(f"{d}/test-y.u8", dtype=np.uint8).astype(np.int64))
model = nn.Sequential(nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(256, 10))
opt = torch.optim.Adam(model.parameters(), lr=0.003)
times = []
cpu = []
for _ in range(epochs):
    t0 = time.perf_counter()
    c0 = time.process_time()
    order = torch.randperm(len(y))
    for k in range(0, len(y), 32):
        idx = order[k:k + 32]
        opt.zero_grad()
        F.cross_entropy(model(x[idx]), y[idx]).backward()
        opt.step()
    times.append((time.perf_counter() - t0) * 1000)
    cpu.append((time.process_time() - c0) * 1000)
with torch.no_grad():
    acc = float((model(tx).argmax(1) == ty).float().mean())
print(json.dumps({"epochs_ms": times, "epochs_cpu_ms": cpu, "accuracy": acc}))
