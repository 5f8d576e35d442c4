/**
 * The part of an exported PyTorch network script that does not depend on the network: weights files,
 * IDX and CSV data, gradflow's training loop (one or several processes) and the command line. It reads
 * the constants, Net, build() and loss_per_sample() the generated part defines above it.
 */
export const PYTHON_TRAINING = `def load_weights(model, path):
    """Loads a gradflow weights file (gradflow train --save, or --save below) into the model."""
    with open(path) as f:
        file = json.load(f)
    if file.get("format") != "gradflow.weights":
        raise SystemExit(f"{path}: not a gradflow weights file")
    layers = file.get("layers", [])
    if len(layers) != len(PARAMETER_LAYERS):
        raise SystemExit(f"{path}: {len(layers)} layers with parameters, the network has {len(PARAMETER_LAYERS)}")
    with torch.no_grad():
        for module, saved, (_, node_id, _, inputs, units) in zip(model.parameter_layers(), layers, PARAMETER_LAYERS):
            if saved.get("inputSize") != inputs or saved.get("units") != units:
                raise SystemExit(f"{path}: layer '{node_id}' is {inputs} -> {units}, the file has {saved.get('inputSize')} -> {saved.get('units')}")
            module.weight.copy_(torch.tensor(saved["weights"], dtype=torch.float64).view_as(module.weight))
            module.bias.copy_(torch.tensor(saved["biases"], dtype=torch.float64))
    return model


def save_weights(model, path):
    """Writes the parameters as a gradflow weights file (with the graph), which gradflow loads back."""
    layers = []
    for module, (_, node_id, _, inputs, units) in zip(model.parameter_layers(), PARAMETER_LAYERS):
        layers.append({
            "nodeId": node_id, "inputSize": inputs, "units": units,
            "weights": module.weight.detach().to("cpu", torch.float64).flatten().tolist(),
            "biases": module.bias.detach().to("cpu", torch.float64).tolist(),
        })
    file = {"format": "gradflow.weights", "version": 1, "layers": layers}
    if GRAPH is not None:
        file["graph"] = GRAPH
    with open(path, "w") as f:
        json.dump(file, f)
        f.write("\\n")


def read_idx(path):
    """An IDX file of unsigned bytes (the MNIST format), plain or gzip, as a uint8 tensor."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\\x1f\\x8b":
        data = gzip.decompress(data)
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise SystemExit(f"{path}: not an IDX file of unsigned bytes")
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    body = data[4 + 4 * ndim:]
    if len(body) != math.prod(dims):
        raise SystemExit(f"{path}: {len(body)} bytes of data for dimensions {dims}")
    return torch.frombuffer(bytearray(body), dtype=torch.uint8).view(*dims) if body else torch.zeros(dims, dtype=torch.uint8)


def find(folder, names):
    """The first of \`names\` (or its .gz) that exists in folder, else None."""
    for name in names:
        for candidate in (name, name + ".gz"):
            path = os.path.join(folder, candidate)
            if os.path.exists(path):
                return path
    return None


def read_csv(path):
    """A CSV of samples, one per row: the label, then the input values (0..255, scaled to 0..1 as gradflow's pixels); a header row is skipped."""
    labels, rows = [], []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            fields = line.strip().split(",")
            if fields == [""]:
                continue
            try:
                values = [float(v) for v in fields]
            except ValueError:
                if number == 1:
                    continue
                raise SystemExit(f"{path}:{number}: not a number in {line.strip()[:60]!r}")
            labels.append(int(values[0]))
            rows.append(values[1:])
    if not rows:
        raise SystemExit(f"{path}: no samples")
    return torch.tensor(rows, dtype=torch.float64) * (1 / 255), torch.tensor(labels, dtype=torch.long)


def load_data(folder):
    """(train_x, train_y, test_x, test_y) from a folder of MNIST IDX files or of train.csv and test.csv; x scaled to 0..1 in float64."""
    if not os.path.isdir(folder):
        raise SystemExit(f"--data {folder}: no such folder")
    train_images = find(folder, ["train-images-idx3-ubyte", "train-images.idx3-ubyte"])
    if train_images is not None:
        paths = [train_images, find(folder, ["train-labels-idx1-ubyte", "train-labels.idx1-ubyte"]),
                 find(folder, ["t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"]), find(folder, ["t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte"])]
        if None in paths:
            raise SystemExit(f"--data {folder}: needs train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte")
        sets = []
        for images_path, labels_path in ((paths[0], paths[1]), (paths[2], paths[3])):
            images, labels = read_idx(images_path), read_idx(labels_path)
            if images.shape[0] != labels.shape[0]:
                raise SystemExit(f"{images_path}: {images.shape[0]} images but {labels_path} has {labels.shape[0]} labels")
            # gradflow scales a pixel by multiplying with 1/255.
            sets += [images.reshape(images.shape[0], -1).to(torch.float64) * (1 / 255), labels.to(torch.long)]
        return tuple(sets)
    train_csv, test_csv = find(folder, ["train.csv", "mnist_train.csv"]), find(folder, ["test.csv", "mnist_test.csv"])
    if train_csv is None or test_csv is None:
        raise SystemExit(f"--data {folder}: no MNIST IDX files and no train.csv / test.csv")
    return read_csv(train_csv) + read_csv(test_csv)


def check_data(x, y, where):
    """Refuses data that does not fit the network: sample size, or labels outside the classes."""
    size = math.prod(INPUT_SHAPE)
    if x.shape[1] != size:
        raise SystemExit(f"{where}: samples have {x.shape[1]} values, the network takes {size}")
    if len(y) and (int(y.min()) < 0 or int(y.max()) >= CLASSES):
        raise SystemExit(f"{where}: labels must be 0..{CLASSES - 1}")


def make_optimizer(model, train_count, learning_rate, l2):
    """The graph's optimiser. L2 as gradflow's (Nielsen's C += l2/(2n) sum w^2) is weight decay l2/n on the weights only."""
    weights = [m.weight for m in model.parameter_layers()]
    biases = [m.bias for m in model.parameter_layers()]
    groups = [{"params": weights, "weight_decay": l2 / train_count}, {"params": biases, "weight_decay": 0.0}]
    return torch.optim.SGD(groups, lr=learning_rate)


def evaluate(model, x, y, device, batch=1000):
    """Correct predictions (largest output is the label; the first of equal outputs, as gradflow) and the mean loss."""
    correct, total_loss = 0, 0.0
    with torch.no_grad():
        for start in range(0, len(y), batch):
            xb, yb = x[start:start + batch].to(device), y[start:start + batch].to(device)
            output = model(xb)
            correct += int((output.argmax(dim=1) == yb).sum())
            total_loss += float(loss_per_sample(model(xb, logits=True), yb).sum())
    return correct, total_loss / max(1, len(y))


def train(model, data, epochs, batch_size, learning_rate, seed, l2=L2, device="cpu", log=print):
    """gradflow's training run: each epoch shuffles the sample order (seeded; the order carries over
    between epochs), walks it in mini-batches and steps on the batch's mean loss. Under torchrun each
    process takes every world-th sample of each batch and DistributedDataParallel sums their gradients,
    so the steps are those of one process running the same global batches."""
    train_x, train_y, test_x, test_y = data
    distributed = dist.is_available() and dist.is_initialized()
    rank, world = (dist.get_rank(), dist.get_world_size()) if distributed else (0, 1)
    net = model
    if distributed:
        net = nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    optimizer = make_optimizer(model, len(train_y), learning_rate, l2)
    rng = shuffle_random(seed)
    order = list(range(len(train_y)))
    train_x, train_y = train_x.to(device), train_y.to(device)
    results = []
    for epoch in range(epochs):
        rng.shuffle(order)
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            mine = torch.tensor(batch[rank::world], dtype=torch.long, device=device)
            per_sample = loss_per_sample(net(train_x[mine], logits=True), train_y[mine])
            # Scaled so that the processes' gradients, averaged by DDP, are the global batch's mean.
            loss = per_sample.sum() * (world / len(batch))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if rank == 0:
            correct, test_loss = evaluate(model, test_x, test_y, device)
            results.append({"epoch": epoch, "correct": correct, "total": len(test_y), "testLoss": test_loss})
            log(f"Epoch {epoch}: {correct} / {len(test_y)}")
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description="Train the exported gradflow network (gradflow's seeded run).")
    parser.add_argument("--data", required=True, help="folder with MNIST IDX files (train-/t10k-, plain or .gz) or train.csv and test.csv")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="the global batch (split across torchrun processes)")
    parser.add_argument("--lr", type=float, default=LEARNING_RATE)
    parser.add_argument("--seed", type=int, default=SEED, help="seeds the shuffle, and the initialisation when no weights are given")
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--weights", help="start from a gradflow weights file instead of the exported weights or the seeded initialisation")
    parser.add_argument("--save", help="write the trained weights as a gradflow weights file")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64", help="float64 reproduces gradflow; float32 is faster on a GPU")
    args = parser.parse_args(argv)
    if args.epochs < 1 or args.batch_size < 1 or not args.lr > 0:
        raise SystemExit("--epochs and --batch-size must be at least 1 and --lr positive")
    dtype = getattr(torch, args.dtype)
    device = torch.device(args.device)
    if "WORLD_SIZE" in os.environ:
        # Started by torchrun: one process per GPU (NCCL), or CPU processes (gloo).
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        if device.type == "cuda":
            device = torch.device("cuda", local_rank)
            torch.cuda.set_device(device)
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    train_x, train_y, test_x, test_y = load_data(args.data)
    check_data(train_x, train_y, args.data)
    check_data(test_x, test_y, args.data)
    shape = (-1,) + INPUT_SHAPE
    data = (train_x.view(shape).to(dtype), train_y, test_x.view(shape).to(dtype), test_y)
    model = build(args.weights, torch.float64)
    if WEIGHTS is None and args.weights is None and args.seed != SEED:
        init_gradflow(model, args.seed)
    model = model.to(device=device, dtype=dtype)
    train(model, data, args.epochs, args.batch_size, args.lr, args.seed, args.l2, device)
    if args.save and (not dist.is_initialized() or dist.get_rank() == 0):
        save_weights(model, args.save)
    if dist.is_initialized():
        dist.barrier()
        rank, world = dist.get_rank(), dist.get_world_size()
        print(f"process {rank} of {world} finished {args.epochs} epoch{'' if args.epochs == 1 else 's'}", flush=True)
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
