"""The same SNN training step as TrainerBench in PyTorch eager: Tiny-VGG-3 (16C3-AP2-32C3-AP2-64C3-AP2),
conv without bias + BatchNorm over merged T*B + multi-step LIF (tau 2, threshold 1, hard reset, triangle
surrogate), linear readout per step, CE on time-mean logits, AdamW. Prints one "step_ms <value>" per step."""
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
    def __init__(self, tau=2.0, threshold=1.0, alpha=1.0):
        super().__init__()
        self.leak, self.threshold, self.alpha = 1.0 / tau, threshold, alpha

    def forward(self, x):
        v, out = None, []
        for t in range(x.shape[0]):
            h = x[t] if v is None else v * (1 - self.leak) + x[t]
            s = Spike.apply(h - self.threshold, self.alpha)
            v = h * (1 - s)
            out.append(s)
        return torch.stack(out)


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.norm = nn.BatchNorm2d(cout)
        self.lif = Lif()

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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--T", type=int, default=8)
    p.add_argument("--batch", type=int, default=32)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = TinyVgg()
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
    x = (torch.rand(a.T, a.batch, 2, 34, 34) * 3).floor()
    y = torch.randint(0, 10, (a.batch,))
    for i in range(a.warmup + a.steps):
        start = time.perf_counter()
        loss = F.cross_entropy(model(x).mean(0), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss.item()
        if i >= a.warmup:
            print(f"step_ms {(time.perf_counter() - start) * 1000:.3f}", flush=True)


if __name__ == "__main__":
    main()
