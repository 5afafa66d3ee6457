"""The same SNN training steps as TrainerBench in PyTorch eager, written as a PyTorch user would. Every network is
built from Tiny-VGG-3 layers (16C3-AP2-32C3-AP2-64C3-AP2): conv without bias + BatchNorm over merged T*B +
multi-step LIF (tau 2, threshold 1, hard reset, triangle surrogate); AdamW.

--method baseline: linear readout per step, CE on the time-mean logits.
--method kt: one trunk shared by a static and an event batch run jointly (2B samples), static and event linear
  heads, TET on both (the event one weighted per step by 1 - sigmoid(c_t)), linear CKA per step between the
  last LIF layer's post-reset membranes of the two halves, L = L_s + L_e + 0.5 mean_t sigmoid(c_t)(1 - |CKA_t|);
  LIF reset detached (Trainer/Methods/Kt).
--method ssnn: three stages (one conv block + pool each) of T, 4 and 2 steps joined by temporal transformers,
  readout on the last stage, early classifiers (conv block, spatial mean, linear) after stages 1 and 2, loss =
  CE of each on its stage's time-mean logits, summed (Trainer/Methods/Ssnn).

Prints one "step_ms <value>" per step."""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Spike(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, alpha):
        ctx.save_for_backward(x)
        ctx.alpha = alpha
        return (x >= 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        a = ctx.alpha
        return grad * (a * torch.clamp(1 - a * x.abs(), min=0)), None


class Lif(nn.Module):
    def __init__(self, tau=2.0, threshold=1.0, alpha=1.0, detach_reset=False):
        super().__init__()
        self.leak, self.threshold, self.alpha, self.detach_reset = 1.0 / tau, threshold, alpha, detach_reset
        self.tap = False
        self.membrane = None

    def forward(self, x):
        v, out, taps = None, [], []
        for t in range(x.shape[0]):
            h = x[t] if v is None else v * (1 - self.leak) + x[t]
            s = Spike.apply(h - self.threshold, self.alpha)
            v = h * (1 - (s.detach() if self.detach_reset else s))
            out.append(s)
            if self.tap:
                taps.append(v)
        self.membrane = torch.stack(taps) if self.tap else None
        return torch.stack(out)


class Block(nn.Module):
    def __init__(self, cin, cout, detach_reset=False):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.norm = nn.BatchNorm2d(cout)
        self.lif = Lif(detach_reset=detach_reset)

    def forward(self, x):
        t, b = x.shape[:2]
        y = self.norm(self.conv(x.flatten(0, 1)))
        return self.lif(y.reshape(t, b, *y.shape[1:]))


class TinyVgg(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.blocks = nn.ModuleList([Block(2, 16), Block(16, 32), Block(32, 64)])
        self.classifier = nn.Linear(64 * 4 * 4, classes)

    def forward(self, x):
        t, b = x.shape[:2]
        for block in self.blocks:
            x = block(x)
            y = F.avg_pool2d(x.flatten(0, 1), 2)
            x = y.reshape(t, b, *y.shape[1:])
        return self.classifier(x.flatten(0, 1).flatten(1)).reshape(t, b, -1)


def pool(x):
    t, b = x.shape[:2]
    y = F.avg_pool2d(x.flatten(0, 1), 2)
    return y.reshape(t, b, *y.shape[1:])


def readout(linear, x):
    t, b = x.shape[:2]
    return linear(x.flatten(0, 1).flatten(1)).reshape(t, b, -1)


def tet(logits, labels, lam=1e-3, target=1.0, weights=None):
    t, _, k = logits.shape
    ce = F.cross_entropy(logits.reshape(-1, k), labels.repeat(t), reduction="none").view(t, -1).mean(1)
    mse = (logits - target).square().mean((1, 2))
    per_step = ce * (1 - lam) + mse * lam
    return (per_step if weights is None else per_step * weights).mean()


def centred_gram(features):
    flat = features.flatten(2)
    gram = flat @ flat.transpose(-2, -1)
    return gram - gram.mean(-1, keepdim=True) - gram.mean(-2, keepdim=True) + gram.mean((-2, -1), keepdim=True)


def cka_per_step(x, y):
    gx, gy = centred_gram(x), centred_gram(y)
    cross = (gx * gy).sum((-2, -1))
    return cross / (gx.square().sum((-2, -1)).clamp_min(1e-12).sqrt() * gy.square().sum((-2, -1)).clamp_min(1e-12).sqrt())


class Kt(nn.Module):
    def __init__(self, timesteps, classes=10):
        super().__init__()
        self.blocks = nn.ModuleList([Block(2, 16, True), Block(16, 32, True), Block(32, 64, True)])
        self.event_head = nn.Linear(64 * 4 * 4, classes)
        self.static_head = nn.Linear(64 * 4 * 4, classes)
        self.coefficients = nn.Parameter(torch.full((timesteps,), 1.0))

    def loss(self, static, events, labels):
        b = events.shape[1]
        x = torch.cat([static, events], 1)
        self.blocks[-1].lif.tap = True
        for block in self.blocks:
            x = pool(block(x))
        membrane = self.blocks[-1].lif.membrane
        features = x.flatten(2)
        static_logits = readout(self.static_head, features[:, :b])
        event_logits = readout(self.event_head, features[:, b:])
        w = self.coefficients.sigmoid()
        static_loss = tet(static_logits, labels)
        event_loss = tet(event_logits, labels, weights=1 - w)
        cka = cka_per_step(membrane[:, :b], membrane[:, b:])
        alignment = (w * (1 - cka.abs())).mean()
        for metric in (alignment, cka.mean(), static_loss, event_loss):
            metric.item()
        return static_loss + event_loss + alignment * 0.5


class TemporalTransformer(nn.Module):
    def __init__(self, steps_in, steps_out):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(steps_out, steps_in))

    def forward(self, spikes):
        b = spikes.shape[1]
        d = (self.weight @ spikes.flatten(2).mean(2)).softmax(0)
        return d.reshape(-1, b, *([1] * (spikes.dim() - 2))) * spikes.sum(0).unsqueeze(0)


class EarlyClassifier(nn.Module):
    def __init__(self, channels, classes=10):
        super().__init__()
        self.block = Block(channels, channels)
        self.linear = nn.Linear(channels, classes)

    def forward(self, x):
        return readout(self.linear, self.block(x).mean((-2, -1)))


class Ssnn(nn.Module):
    def __init__(self, steps=(8, 4, 2), classes=10):
        super().__init__()
        self.stages = nn.ModuleList([Block(2, 16), Block(16, 32), Block(32, 64)])
        self.transformers = nn.ModuleList([TemporalTransformer(steps[0], steps[1]), TemporalTransformer(steps[1], steps[2])])
        self.readout = nn.Linear(64 * 4 * 4, classes)
        self.early = nn.ModuleList([EarlyClassifier(16), EarlyClassifier(32)])

    def loss(self, x, labels):
        outputs = []
        for s, stage in enumerate(self.stages):
            if s > 0:
                x = self.transformers[s - 1](x)
            x = pool(stage(x))
            outputs.append(x)
        total = F.cross_entropy(readout(self.readout, x).mean(0), labels)
        total.item()
        for early, stage_output in zip(self.early, outputs):
            early_loss = F.cross_entropy(early(stage_output).mean(0), labels)
            early_loss.item()
            total = total + early_loss * 1.0
        return total


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--T", type=int, default=8)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--method", choices=["baseline", "kt", "ssnn"], default="baseline")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    x = (torch.rand(a.T, a.batch, 2, 34, 34) * 3).floor()
    y = torch.randint(0, 10, (a.batch,))
    if a.method == "baseline":
        model = TinyVgg()
        step_loss = lambda: F.cross_entropy(model(x).mean(0), y)
    elif a.method == "kt":
        model = Kt(a.T)
        # Grey 28 x 28 images padded to 34 x 34, the same frame on both polarities and every step.
        images = F.pad(torch.rand(a.batch, 1, 28, 28), (3, 3, 3, 3))
        static = images.unsqueeze(0).expand(a.T, a.batch, 2, 34, 34).contiguous()
        step_loss = lambda: model.loss(static, x, y)
    else:
        model = Ssnn((a.T, 4, 2))
        step_loss = lambda: model.loss(x, y)
    model.train()
    coefficients = [p for n, p in model.named_parameters() if n == "coefficients"]
    others = [p for n, p in model.named_parameters() if n != "coefficients"]
    groups = [{"params": others}] + ([{"params": coefficients, "weight_decay": 0.0}] if coefficients else [])
    opt = torch.optim.AdamW(groups, lr=1e-3, weight_decay=1e-2)
    for i in range(a.warmup + a.steps):
        start = time.perf_counter()
        loss = step_loss()
        loss.item()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if i >= a.warmup:
            print(f"step_ms {(time.perf_counter() - start) * 1000:.3f}", flush=True)


if __name__ == "__main__":
    main()
