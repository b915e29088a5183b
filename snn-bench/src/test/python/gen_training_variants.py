"""Generates the extra `training` conformance cases in src/test/resources/conformance/training-variants
(FORMAT.md, kind `training`) with torch.optim in float64, written independently of the Java runner:
Adam with L2 and custom betas/eps, SGD without momentum and with dampening, a learnable v0 under time
slicing with Adam, LM-H slices that do not divide T with AdamW and clipping, conv+BN slices with
Nesterov, a SEW block with max pooling under slices, a per-pixel v0 after a strided conv. PyTorch 1.13 semantics (`zero_grad()` leaves zero tensors). Run from the repository root of
a worktree beside ../shared:

    /usr/bin/python3 snn-bench/src/test/python/gen_training_variants.py snn-bench/src/test/resources/conformance/training-variants
"""
import json, math, os, sys
import torch
import torch.nn.functional as F
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../../shared/peer'))
from snnref import spike, classification_loss

D = torch.float64
torch.set_default_dtype(D)


def f32(t):
    return t.to(torch.float32).to(D)


def jt(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


LIF = lambda **kw: dict({"type": "lif", "decay": 0.5, "gain": 1.0, "threshold": 1.0, "reset": "hard",
                         "detachReset": False, "surrogate": {"type": "triangle", "gamma": 1.0}}, **kw)


class Net:
    def __init__(self, layers, in_shape, g):
        self.layers, self.params, self.state, self.bufs = layers, {}, {}, {}
        s = list(in_shape)  # [T,B,...]
        for i, l in enumerate(layers):
            p = f"layers.{i}."
            t = l["type"]
            if t == "linear":
                self.params[p + "weight"] = f32(torch.randn(l["out"], l["in"], generator=g) * 0.5)
                if l.get("bias", True):
                    self.params[p + "bias"] = f32(torch.randn(l["out"], generator=g) * 0.2)
                s = s[:2] + [l["out"]]
            elif t == "conv2d":
                k = l["kernel"]
                self.params[p + "weight"] = f32(torch.randn(l["out"], l["in"], k, k, generator=g) * 0.4)
                if l.get("bias", True):
                    self.params[p + "bias"] = f32(torch.randn(l["out"], generator=g) * 0.2)
                hh = (s[3] + 2 * l.get("padding", 0) - k) // l.get("stride", 1) + 1
                s = s[:2] + [l["out"], hh, hh]
            elif t == "batchnorm2d":
                c = s[2]
                self.params[p + "gamma"] = f32(1 + 0.2 * torch.randn(c, generator=g))
                self.params[p + "beta"] = f32(0.2 * torch.randn(c, generator=g))
                self.bufs[p + "runningMean"] = torch.zeros(c)
                self.bufs[p + "runningVar"] = torch.ones(c)
            elif t in ("avgpool2d", "maxpool2d"):
                s = s[:3] + [s[3] // l["kernel"]] * 2
            elif t == "flatten":
                s = s[:2] + [math.prod(s[2:])]
            elif t == "neuron":
                n = l["neuron"]
                if n["type"] == "lif" and n.get("learnableV0"):
                    self.params[p + "v0"] = f32(torch.rand(*s[2:], generator=g) * 0.4 - 0.2)
                if n["type"] == "lmh":
                    for k in ("alpha1", "beta1", "alpha2", "beta2"):
                        self.params[p + k] = f32(torch.randn(1, generator=g) * 0.5).reshape(())
            elif t == "sew-block":
                c = s[2]
                for k in ("conv1", "conv2"):
                    self.params[p + k + ".weight"] = f32(torch.randn(c, c, 3, 3, generator=g) * 0.3)
                for k in ("bn1", "bn2"):
                    self.params[p + k + ".gamma"] = f32(1 + 0.2 * torch.randn(c, generator=g))
                    self.params[p + k + ".beta"] = f32(0.2 * torch.randn(c, generator=g))
                    self.bufs[p + k + ".runningMean"] = torch.zeros(c)
                    self.bufs[p + k + ".runningVar"] = torch.ones(c)
            else:
                raise ValueError(t)
        for v in self.params.values():
            v.requires_grad_(True)

    def reset(self):
        self.state = {}

    def bn(self, x, p, eps):
        T, B = x.shape[:2]
        z = x.reshape(T * B, *x.shape[2:])
        y = F.batch_norm(z, self.bufs[p + "runningMean"], self.bufs[p + "runningVar"],
                         self.params[p + "gamma"], self.params[p + "beta"], True, 0.1, eps)
        return y.reshape(x.shape)

    def conv(self, x, w, b, stride, pad):
        T, B = x.shape[:2]
        y = F.conv2d(x.reshape(T * B, *x.shape[2:]), w, b, stride, pad)
        return y.reshape(T, B, *y.shape[1:])

    def neuron(self, x, n, key, v0=None):
        if n["type"] == "lif":
            v = self.state.get(key)
            if v is None:
                v = torch.zeros_like(x[0]) if v0 is None else v0.expand_as(x[0])
            out = []
            for t in range(x.shape[0]):
                h = n["decay"] * v + n.get("gain", 1.0) * x[t]
                s = spike(h - n["threshold"], n["surrogate"])
                sr = s.detach() if n.get("detachReset", False) else s
                v = h * (1 - sr) if n["reset"] == "hard" else h - n["threshold"] * sr
                out.append(s)
            self.state[key] = v.detach()
            return torch.stack(out)
        if n["type"] == "lmh":
            p = key + "."
            th = n["threshold"]
            a1, b1, a2, b2 = (self.params[p + k] for k in ("alpha1", "beta1", "alpha2", "beta2"))
            muD, muS = torch.sigmoid(a1) - 0.5, torch.sigmoid(b1) - 0.5
            lamS, lamD = torch.sigmoid(a2) + 0.5, torch.sigmoid(b2) + 0.5
            st = self.state.get(key)
            vD, vS = (torch.zeros_like(x[0]), torch.full_like(x[0], 0.5 * th)) if st is None else st
            out = []
            for t in range(x.shape[0]):
                vD = muD * vD + muS * vS + x[t]
                m = lamS * vS + lamD * vD
                o = spike(m - th, n["surrogate"]) * th
                vS = m - o.detach()
                out.append(o)
            self.state[key] = (vD.detach(), vS.detach())
            return torch.stack(out)
        raise ValueError(n["type"])

    def forward(self, x):
        P = self.params
        for i, l in enumerate(self.layers):
            p = f"layers.{i}."
            t = l["type"]
            if t == "linear":
                x = F.linear(x, P[p + "weight"], P.get(p + "bias"))
            elif t == "conv2d":
                x = self.conv(x, P[p + "weight"], P.get(p + "bias"), l.get("stride", 1), l.get("padding", 0))
            elif t == "batchnorm2d":
                x = self.bn(x, p, l.get("eps", 1e-5))
            elif t == "avgpool2d":
                T, B = x.shape[:2]
                y = F.avg_pool2d(x.reshape(T * B, *x.shape[2:]), l["kernel"], l.get("stride", l["kernel"]))
                x = y.reshape(T, B, *y.shape[1:])
            elif t == "maxpool2d":
                T, B = x.shape[:2]
                y = F.max_pool2d(x.reshape(T * B, *x.shape[2:]), l["kernel"], l.get("stride", l["kernel"]))
                x = y.reshape(T, B, *y.shape[1:])
            elif t == "flatten":
                x = x.flatten(2)
            elif t == "neuron":
                x = self.neuron(x, l["neuron"], f"layers.{i}", P.get(p + "v0") if (f"layers.{i}" not in self.state) else None)
            elif t == "sew-block":
                n = l["neuron"]
                eps = l.get("eps", 1e-5)
                a = self.neuron(self.bn(self.conv(x, P[p + "conv1.weight"], None, 1, 1), p + "bn1.", eps), n, p + "sn1")
                a = self.neuron(self.bn(self.conv(a, P[p + "conv2.weight"], None, 1, 1), p + "bn2.", eps), n, p + "sn2")
                assert l["connect"] == "add"
                x = a + x
        return x


def make(case_id, layers, loss, opt, in_shape, K, batches, seed, slice_=None, clip=None, set_to_none=False):
    g = torch.Generator().manual_seed(seed)
    net = Net(layers, in_shape, g)
    inputs = {k: (float(v) if v.dim() == 0 else jt(v)) for k, v in net.params.items()}
    decay = [v for k, v in net.params.items() if k.endswith("weight")]
    nodecay = [v for k, v in net.params.items() if not k.endswith("weight")]
    wd = opt.get("weightDecay", 0.0)
    groups = [{"params": decay, "weight_decay": wd}, {"params": nodecay, "weight_decay": 0.0}]
    if opt["type"] == "sgd":
        o = torch.optim.SGD(groups, lr=opt["lr"], momentum=opt.get("momentum", 0.0),
                            dampening=opt.get("dampening", 0.0), nesterov=opt.get("nesterov", False))
    else:
        cls = torch.optim.Adam if opt["type"] == "adam" else torch.optim.AdamW
        o = cls(groups, lr=opt["lr"], betas=tuple(opt.get("betas", (0.9, 0.999))), eps=opt.get("eps", 1e-8))
    losses = []
    T = in_shape[0]
    k = slice_ or T
    for b in range(batches):
        x = f32(torch.randn(*in_shape, generator=g) * 1.5)
        y = torch.randint(0, K, (in_shape[1],), generator=g)
        inputs[f"batches.{b}.x"] = jt(x)
        inputs[f"batches.{b}.labels"] = y.tolist()
        net.reset()
        for s0 in range(0, T, k):
            o.zero_grad(set_to_none=set_to_none)
            out = net.forward(x[s0:s0 + k])
            L = classification_loss(out, y, loss)
            losses.append(L.item())
            L.backward()
            if clip is not None:
                torch.nn.utils.clip_grad_norm_(list(net.params.values()), clip)
            o.step()
    expected = {"losses": losses}
    for kk, v in net.params.items():
        expected["final." + kk] = float(v) if v.dim() == 0 else jt(v)
    for kk, v in net.bufs.items():
        expected["final." + kk] = jt(v)
    case = {"format": "snn-conformance/1", "id": case_id, "kind": "training", "layers": layers, "loss": loss,
            "optimizer": opt, "batches": batches, "tolerance": {"atol": 2e-4, "rtol": 2e-3},
            "inputs": inputs, "expected": expected}
    if slice_:
        case["timeSlice"] = slice_
    if clip is not None:
        case["clipGradNorm"] = clip
    return case


CASES = [
    ("tv-adam-l2-betas", [{"type": "linear", "in": 4, "out": 7}, {"type": "neuron", "neuron": LIF(reset="soft", surrogate={"type": "atan", "alpha": 2.0})},
                          {"type": "linear", "in": 7, "out": 3, "bias": False}],
     {"type": "sdt", "epsilon": 0.1}, {"type": "adam", "lr": 0.03, "betas": [0.8, 0.99], "eps": 1e-6, "weightDecay": 0.05}, [3, 5, 4], 3, 3, 11, None, None),
    ("tv-sgd-plain-dampening", [{"type": "linear", "in": 5, "out": 6}, {"type": "neuron", "neuron": LIF(decay=0.25)}, {"type": "linear", "in": 6, "out": 4}],
     {"type": "tet", "lambda": 0.1, "phi": 0.5}, {"type": "sgd", "lr": 0.3, "momentum": 0.5, "dampening": 0.3, "weightDecay": 0.01}, [5, 4, 5], 4, 3, 12, None, 0.3),
    ("tv-sgd-nomomentum", [{"type": "linear", "in": 5, "out": 6}, {"type": "neuron", "neuron": LIF()}, {"type": "linear", "in": 6, "out": 4}],
     {"type": "tet"}, {"type": "sgd", "lr": 0.4, "weightDecay": 0.02}, [4, 4, 5], 4, 2, 13, None, None),
    ("tv-lif-v0-slices-adam", [{"type": "linear", "in": 5, "out": 6}, {"type": "neuron", "neuron": LIF(learnableV0=True)}, {"type": "linear", "in": 6, "out": 3}],
     {"type": "tet"}, {"type": "adam", "lr": 0.05, "weightDecay": 0.01}, [6, 4, 5], 3, 2, 14, 3, None),
    ("tv-lmh-slices-uneven-adamw-clip", [{"type": "linear", "in": 6, "out": 8}, {"type": "neuron", "neuron": {"type": "lmh", "threshold": 1.0, "surrogate": {"type": "triangle", "gamma": 1.0}}},
                                        {"type": "linear", "in": 8, "out": 4}],
     {"type": "lts"}, {"type": "adamw", "lr": 0.05, "weightDecay": 0.1}, [5, 4, 6], 4, 2, 15, 2, 0.4),
    ("tv-conv-bn-slices-sgd", [{"type": "conv2d", "in": 2, "out": 4, "kernel": 3, "stride": 1, "padding": 1, "bias": True}, {"type": "batchnorm2d", "eps": 1e-3},
                               {"type": "neuron", "neuron": LIF()}, {"type": "avgpool2d", "kernel": 2, "stride": 2}, {"type": "flatten"}, {"type": "linear", "in": 16, "out": 3}],
     {"type": "tet-s", "epsilon": 0.01, "lambda": 0.05}, {"type": "sgd", "lr": 0.2, "momentum": 0.9, "nesterov": True, "weightDecay": 0.001}, [4, 3, 2, 4, 4], 3, 2, 16, 2, None),
    ("tv-sew-maxpool-slices-adamw-clip", [{"type": "conv2d", "in": 2, "out": 3, "kernel": 3, "stride": 1, "padding": 1, "bias": False}, {"type": "batchnorm2d", "eps": 1e-5},
                                          {"type": "neuron", "neuron": LIF(reset="soft", detachReset=True)},
                                          {"type": "sew-block", "connect": "add", "eps": 1e-5, "neuron": LIF(decay=0.25)},
                                          {"type": "maxpool2d", "kernel": 2, "stride": 2}, {"type": "flatten"}, {"type": "linear", "in": 12, "out": 3}],
     {"type": "tet", "lambda": 0.05}, {"type": "adamw", "lr": 0.02, "betas": [0.85, 0.995], "weightDecay": 0.02}, [4, 3, 2, 4, 4], 3, 2, 17, 2, 0.5),
    ("tv-conv-v0-slices-sgd", [{"type": "conv2d", "in": 1, "out": 2, "kernel": 3, "stride": 2, "padding": 1, "bias": True},
                               {"type": "neuron", "neuron": LIF(learnableV0=True, surrogate={"type": "sigmoid", "alpha": 4.0})},
                               {"type": "flatten"}, {"type": "linear", "in": 18, "out": 3}],
     {"type": "sdt"}, {"type": "sgd", "lr": 0.2, "momentum": 0.9, "weightDecay": 0.01}, [4, 3, 1, 6, 6], 3, 2, 18, 2, None),
]

if __name__ == "__main__":
    import os
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for cid, layers, loss, opt, shape, K, nb, seed, sl, clip in CASES:
        c = make(cid, layers, loss, opt, shape, K, nb, seed, sl, clip)
        json.dump(c, open(os.path.join(out, cid + ".json"), "w"))
        print(cid, [round(v, 4) for v in c["expected"]["losses"]])
