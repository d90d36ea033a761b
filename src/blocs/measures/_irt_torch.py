"""The per-vote passes of the ideal-point EM on torch tensors (GPU when present).

Optional: torch is imported lazily, only when ``IdealPoints(backend="torch")`` is asked
for (``pip install blocs[gpu]`` or ``pip install torch``).  The arithmetic is that of
:mod:`blocs.measures._irt_kernels` in float64, vectorised over all votes: truncated-normal
moments of the latent propensities, then scatter-adds into state-sessions and items.
Only ``N x T`` and ``K``-sized arrays cross between host and device each sweep.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from blocs._errors import InvalidParameterError

if TYPE_CHECKING:
    from blocs.measures._irt_em import Problem

__all__ = ["TorchKernels", "import_torch"]

F64 = NDArray[np.float64]
_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
_INV_SQRT2 = 1.0 / math.sqrt(2.0)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def import_torch() -> Any:
    """Import torch, or raise an error that says how to install it."""
    try:
        import torch
    except ImportError:
        raise InvalidParameterError(
            "backend='torch' needs PyTorch, which is not installed; run `pip install blocs[gpu]` "
            "(or `pip install torch`), or use backend='numpy'"
        ) from None
    return torch


def torch_device() -> str:
    """``"cuda"`` when torch sees a GPU, else ``"cpu"``."""
    torch = import_torch()
    return "cuda" if torch.cuda.is_available() else "cpu"


class TorchKernels:
    """E-step and item sums over all votes as torch operations on one device."""

    def __init__(self, prob: Problem, device: str | None = None) -> None:
        torch = import_torch()
        self.torch = torch
        self.device = device or torch_device()
        dev, f64 = self.device, torch.float64

        def put(a: NDArray[Any], dtype: Any = None) -> Any:
            return torch.as_tensor(np.ascontiguousarray(a), device=dev, dtype=dtype)

        self.n_s = len(prob.seg) - 1
        self.n_k = prob.n_items
        self.s = put(prob.s, torch.int64)
        self.k = put(prob.item, torch.int64)
        y = prob.y
        self.no = put(y == 0)
        self.abst = put(y == 1)
        self.cut_yes = put(np.where(prob.binary[prob.item], 0.0, 1.0), f64)
        self.Ez = torch.empty(len(y), device=dev, dtype=f64)
        self.Vz = torch.empty(len(y), device=dev, dtype=f64)

    def _host(self, x: Any) -> F64:
        out: F64 = x.detach().cpu().numpy()
        return out

    def estep(self, theta: F64, alpha: F64, beta: F64, sigma2: F64, eb2_w: F64, eab_w: F64) -> tuple[F64, F64, float]:
        torch, dev, f64 = self.torch, self.device, self.torch.float64

        def put(a: F64) -> Any:
            return torch.as_tensor(a, device=dev, dtype=f64)

        th, al, be, s2 = put(theta), put(alpha), put(beta), put(sigma2)
        k, s = self.k, self.s
        s2v = s2[k]
        sd = torch.sqrt(s2v)
        m = al[k] + be[k] * th[s]
        # no: z < 0; yes: z >= cut (1, or 0 without abstentions); as one-sided truncations
        sign = torch.where(self.no, -1.0, 1.0).to(f64)
        cut = torch.where(self.no, 0.0, self.cut_yes)
        u = torch.clamp(sign * (m - cut) / sd, max=37.0)
        ex = torch.special.erfcx(-u * _INV_SQRT2)
        lam = _SQRT_2_OVER_PI / ex
        lz1 = torch.log(0.5 * ex) - 0.5 * u * u
        v1 = torch.clamp(1.0 - u * lam - lam * lam, 1e-12, 1.0)
        ez1 = m + sign * sd * lam
        # abstain: 0 <= z < 1, mirrored so the interval lies mostly below zero
        a = -m / sd
        b = (1.0 - m) / sd
        flip = (a + b) > 0
        a2 = torch.where(flip, -b, a)
        b2 = torch.where(flip, -a, b)
        la = torch.special.log_ndtr(a2)
        lb = torch.special.log_ndtr(b2)
        lz2 = lb + torch.log(-torch.expm1(la - lb))
        pa = torch.exp(-0.5 * a2 * a2 - _LOG_SQRT_2PI - lz2)
        pb = torch.exp(-0.5 * b2 * b2 - _LOG_SQRT_2PI - lz2)
        lam2 = pa - pb
        v2 = torch.clamp(1.0 + a2 * pa - b2 * pb - lam2 * lam2, 1e-12, 1.0)
        ez2 = m + sd * torch.where(flip, -lam2, lam2)
        ab = self.abst
        self.Ez = torch.where(ab, ez2, ez1)
        self.Vz = s2v * torch.where(ab, v2, v1)
        ll = float(torch.where(ab, lz2, lz1).sum())
        P = torch.zeros(self.n_s, device=dev, dtype=f64).index_add_(0, s, put(eb2_w)[k])
        contrib = be[k] / s2v * self.Ez - put(eab_w)[k]
        h = torch.zeros(self.n_s, device=dev, dtype=f64).index_add_(0, s, contrib)
        return self._host(P), self._host(h), ll

    def item_sums(self, theta: F64, theta_var: F64, Ez: F64 | None = None, Vz: F64 | None = None) -> F64:
        torch, dev, f64 = self.torch, self.device, self.torch.float64
        ez = self.Ez if Ez is None else torch.as_tensor(Ez, device=dev, dtype=f64)
        vz = self.Vz if Vz is None else torch.as_tensor(Vz, device=dev, dtype=f64)
        t = torch.as_tensor(theta, device=dev, dtype=f64)[self.s]
        tv = torch.as_tensor(theta_var, device=dev, dtype=f64)[self.s]
        cols = torch.stack([t, t * t + tv, ez, t * ez, ez * ez + vz], dim=1)
        out = torch.zeros((self.n_k, 5), device=dev, dtype=f64).index_add_(0, self.k, cols)
        return self._host(out)
