"""Time the Python reference (bactensor/yuma-simulation, its YumaRust epoch) on the same shape
as taosim's Yuma bench case: V validators x N servers, weights re-set with noise on about half the
entries before every epoch (not timed), bonds and consensus carried from epoch to epoch, one thread.

    YS_SRC=/path/to/yuma-simulation python3 scripts/bench_reference.py --validators 64 --uids 256

Prints one JSON line: {"ms_per_epoch": ..., "epochs": ...}. Needs torch (Debian: python3-torch).
"""
import argparse
import json
import os
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--validators", type=int, default=64)
parser.add_argument("--uids", type=int, default=256)
parser.add_argument("--epochs", type=int, default=500)
parser.add_argument("--warmup", type=int, default=50)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

src = os.environ.get("YS_SRC")
if not src:
    sys.exit("YS_SRC is not set (a checkout of bactensor/yuma-simulation)")
sys.path.insert(0, os.path.join(src, "src"))

import torch  # noqa: E402
from yuma_simulation._internal.yumas import (  # noqa: E402
    SimulationHyperparameters,
    YumaConfig,
    YumaParams,
    YumaRust,
)

torch.manual_seed(args.seed)
torch.set_num_threads(1)
V, N = args.validators, args.uids
config = YumaConfig(
    simulation=SimulationHyperparameters(kappa=0.5, bond_penalty=1.0),
    yuma_params=YumaParams(bond_moving_avg=0.1),
)
stake = torch.rand(V)
bonds = None
consensus = None
timed = 0.0
for e in range(args.warmup + args.epochs):
    weights = torch.rand(V, N) * (torch.rand(V, N) < 0.5)
    t0 = time.perf_counter()
    out = YumaRust(weights, stake, num_servers=N, num_validators=V, use_full_matrices=True, B_old=bonds, C_old=consensus, config=config)
    dt = time.perf_counter() - t0
    bonds = out["validator_ema_bond"]
    consensus = out["server_consensus_weight"]
    if e >= args.warmup:
        timed += dt
print(json.dumps({"ms_per_epoch": 1000 * timed / args.epochs, "epochs": args.epochs}))
