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


def csv_fields(line):
    """One CSV line's fields, honouring double quotes ("a,b" and "" for a quote), each trimmed."""
    out, field, quoted, i = [], "", False, 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"' and line[i + 1:i + 2] == '"':
                field += '"'
                i += 1
            elif ch == '"':
                quoted = False
            else:
                field += ch
        elif ch == '"':
            quoted = True
        elif ch == ",":
            out.append(field.strip())
            field = ""
        else:
            field += ch
        i += 1
    out.append(field.strip())
    return out


def is_number(text):
    """A finite number as JavaScript's Number() reads it (no underscores, no inf or nan)."""
    if text == "" or "_" in text:
        return False
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def read_csv(path, test_fraction=0.2, seed=1, standardize=False):
    """gradflow's CSV data (src/core/data/csv.ts): numeric feature columns, the label in the column named
    "label" (else the last), rows split into training and test by the seeded shuffle, features optionally
    standardised with the training rows' mean and deviation, and stored as float32 as gradflow stores them."""
    with open(path, encoding="utf-8-sig") as f:
        lines = re.split(r"\\r?\\n", f.read())
    rows = [(i + 1, csv_fields(line)) for i, line in enumerate(lines) if line.strip() != ""]
    if not rows:
        raise SystemExit(f"{path}: the file is empty")
    header = any(not is_number(cell) for cell in rows[0][1])
    columns = rows[0][1] if header else [f"column {j + 1}" for j in range(len(rows[0][1]))]
    data = rows[1:] if header else rows
    if len(columns) < 2 or not data:
        raise SystemExit(f"{path}: a data set needs a header or data rows with at least one feature and a label")
    named = [j for j, c in enumerate(columns) if c.lower() == "label"]
    label_column = named[0] if named else len(columns) - 1
    features = [j for j in range(len(columns)) if j != label_column]
    values, label_text = [], []
    for row, cells in data:
        if len(cells) != len(columns):
            raise SystemExit(f"{path}: row {row} has {len(cells)} values but there are {len(columns)} columns")
        for j in features:
            if not is_number(cells[j]):
                raise SystemExit(f"{path}: row {row}, column {columns[j]!r}: {cells[j]!r} is not a number")
        values.append([float(cells[j]) for j in features])
        label_text.append(cells[label_column])
    if all(is_number(t) for t in label_text):
        labels = [int(float(t)) for t in label_text]
    else:
        classes = sorted(set(label_text))
        labels = [classes.index(t) for t in label_text]
    order = GradflowRandom(seed).shuffle(list(range(len(data))))
    # JavaScript's Math.round: halves round up.
    test_count = math.floor(len(data) * test_fraction + 0.5)
    train_rows, test_rows = order[test_count:], order[:test_count]
    width = len(features)
    mean, scale = [0.0] * width, [1.0] * width
    if standardize:
        for i in train_rows:
            for f in range(width):
                mean[f] += values[i][f]
        mean = [m / len(train_rows) for m in mean]
        sq = [0.0] * width
        for i in train_rows:
            for f in range(width):
                sq[f] += (values[i][f] - mean[f]) ** 2
        scale = [1 / math.sqrt(q / len(train_rows)) if q > 0 else 1.0 for q in sq]

    def take(rows_taken):
        x = torch.tensor([[(values[i][f] - mean[f]) * scale[f] for f in range(width)] for i in rows_taken], dtype=torch.float64)
        return x.to(torch.float32).to(torch.float64), torch.tensor([labels[i] for i in rows_taken], dtype=torch.long)

    return take(train_rows) + take(test_rows)


def load_data(source, test_fraction=0.2, data_seed=1, standardize=False):
    """(train_x, train_y, test_x, test_y) in float64: a folder of MNIST IDX files (pixels scaled to 0..1), or a .csv file as gradflow reads it."""
    if source.lower().endswith(".csv"):
        if not os.path.isfile(source):
            raise SystemExit(f"--data {source}: no such file")
        return read_csv(source, test_fraction, data_seed, standardize)
    folder = source
    if not os.path.isdir(folder):
        raise SystemExit(f"--data {folder}: no such folder")
    paths = [find(folder, ["train-images-idx3-ubyte", "train-images.idx3-ubyte"]), find(folder, ["train-labels-idx1-ubyte", "train-labels.idx1-ubyte"]),
             find(folder, ["t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"]), find(folder, ["t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte"])]
    if None in paths:
        raise SystemExit(f"--data {folder}: needs train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (plain or .gz)")
    sets = []
    for images_path, labels_path in ((paths[0], paths[1]), (paths[2], paths[3])):
        images, labels = read_idx(images_path), read_idx(labels_path)
        if images.shape[0] != labels.shape[0]:
            raise SystemExit(f"{images_path}: {images.shape[0]} images but {labels_path} has {labels.shape[0]} labels")
        # gradflow scales a pixel by multiplying with 1/255.
        sets += [images.reshape(images.shape[0], -1).to(torch.float64) * (1 / 255), labels.to(torch.long)]
    return tuple(sets)


def check_data(x, y, where):
    """Refuses data that does not fit the network: sample size, or labels outside the classes."""
    size = math.prod(INPUT_SHAPE)
    if x.shape[1] != size:
        raise SystemExit(f"{where}: samples have {x.shape[1]} values, the network takes {size}")
    if len(y) and (int(y.min()) < 0 or int(y.max()) >= CLASSES):
        raise SystemExit(f"{where}: labels must be 0..{CLASSES - 1}")


def make_optimizer(model, train_count, learning_rate, l2, optimizer=None):
    """The graph's optimiser (OPTIMIZER): SGD, classical momentum or Adam, each PyTorch's form of
    gradflow's rule. L2 as gradflow's (Nielsen's C += l2/(2n) sum w^2) adds l2/n w to the weights'
    gradient: PyTorch's weight decay l2/n, on the weights only."""
    optimizer = optimizer or OPTIMIZER
    weights = [m.weight for m in model.parameter_layers()]
    biases = [m.bias for m in model.parameter_layers()]
    groups = [{"params": weights, "weight_decay": l2 / train_count}, {"params": biases, "weight_decay": 0.0}]
    if optimizer["kind"] == "momentum":
        return torch.optim.SGD(groups, lr=learning_rate, momentum=optimizer["momentum"])
    if optimizer["kind"] == "adam":
        return torch.optim.Adam(groups, lr=learning_rate, betas=(optimizer["beta1"], optimizer["beta2"]), eps=optimizer["epsilon"])
    return torch.optim.SGD(groups, lr=learning_rate)


def set_masks(dropouts, batch_len, rank, world, rng, device):
    """Draws the batch's dropout masks as gradflow does (sample by sample, then layer by layer, value by
    value) and gives each dropout module the rows of this process's samples."""
    rows = [[] for _ in dropouts]
    for _ in range(batch_len):
        for k, layer in enumerate(dropouts):
            keep = 1 / (1 - layer.rate)
            rows[k].append([0.0 if rng.next() < layer.rate else keep for _ in range(layer.size)])
    for k, layer in enumerate(dropouts):
        layer.mask = torch.tensor(rows[k][rank::world], dtype=torch.float64, device=device)


def evaluate(model, x, y, device, batch=1000):
    """Correct predictions (largest output is the label; the first of equal outputs, as gradflow) and the mean loss, dropout off."""
    correct, total_loss = 0, 0.0
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for start in range(0, len(y), batch):
            xb, yb = x[start:start + batch].to(device), y[start:start + batch].to(device)
            output = model(xb)
            correct += int((output.argmax(dim=1) == yb).sum())
            total_loss += float(loss_per_sample(model(xb, logits=True), yb).sum())
    model.train(was_training)
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
    drop = dropout_random(seed)
    dropouts = model.dropout_layers()
    model.train()
    order = list(range(len(train_y)))
    train_x, train_y = train_x.to(device), train_y.to(device)
    results = []
    for epoch in range(epochs):
        rng.shuffle(order)
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            mine = torch.tensor(batch[rank::world], dtype=torch.long, device=device)
            if dropouts:
                set_masks(dropouts, len(batch), rank, world, drop, device)
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
    parser.add_argument("--data", required=True, help="a folder with the MNIST IDX files (train-/t10k-, plain or .gz), or a .csv file (features, then a 'label' column or the last one)")
    parser.add_argument("--test-fraction", type=float, default=0.2, help="CSV: share of rows held out for testing")
    parser.add_argument("--standardize", action="store_true", help="CSV: scale each feature to mean 0, standard deviation 1 over the training rows")
    parser.add_argument("--data-seed", type=int, help="CSV: seed of the split (default: the training seed)")
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
    data_seed = args.seed if args.data_seed is None else args.data_seed
    train_x, train_y, test_x, test_y = load_data(args.data, args.test_fraction, data_seed, args.standardize)
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
