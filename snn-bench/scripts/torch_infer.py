# torch_infer.py MODEL T B: no_grad forward in eval mode, median of 3 after one warm-up
# The peer directory (torch_peer.py, models_ref.py) is $PEER, by default ../shared/peer beside the checkout.
import sys, time, torch
import os
sys.path.insert(0, os.environ.get("PEER", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/peer")))
import models_ref as M
torch.set_num_threads(2); torch.manual_seed(0)
name, T, B = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
net, shape = {"vggsnn": (M.VGGSNN, (T, B, 2, 48, 48)), "resnet19": (M.ResNet19, (T, B, 3, 32, 32))}[name]
net = net().eval(); x = torch.rand(shape); ts = []
with torch.no_grad():
    for i in range(4):
        t0 = time.perf_counter(); net(x); ts.append(time.perf_counter() - t0)
ts = sorted(ts[1:]); print(f"infer_{name}_T{T}_B{B} {ts[len(ts)//2]*1e3:.1f}")
