# torch_step.py MODEL T B STEPS: the peer's training step (torch_peer.step_bench's work), printing every step's
# time, the median and the min of the steps after the first 3
# The peer directory (torch_peer.py, models_ref.py) is $PEER, by default ../shared/peer beside the checkout.
import sys, time, torch
import os
sys.path.insert(0, os.environ.get("PEER", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/peer")))
import torch_peer as P
M, R = P.M, P.R
torch.set_num_threads(2); torch.manual_seed(0)
name, T, B, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
if name == "vggsnn": net, shape = M.VGGSNN(), (T, B, 2, 48, 48)
elif name == "resnet19": net, shape = M.ResNet19(), (T, B, 3, 32, 32)
else: net, shape = M.SEWResNet(classes=10, size=64), (T, B, 3, 64, 64)
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
x = torch.rand(shape); y = torch.randint(0, 10, (B,))
spec = {"type": "tet", "lambda": 0.001, "phi": 1.0}
ts = []
for i in range(n):
    t0 = time.perf_counter()
    opt.zero_grad(); out = net(x); loss = R.classification_loss(out.double(), y, spec); loss.backward(); opt.step()
    ts.append((time.perf_counter() - t0) * 1e3)
st = sorted(ts[3:])
print("steps_ms " + " ".join(f"{t:.0f}" for t in ts))
print(f"torch_step_{name} median {st[len(st)//2]:.1f} min {st[0]:.1f} first {ts[0]:.1f}")
