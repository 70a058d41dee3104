#!/usr/bin/env python3
"""Independent reference implementation of ../shared/spec/backtest.md (ledger, rules, strategies,
core metrics), written from the spec alone in Python's `decimal`, without reading the TypeScript
engine. tests/engine/reference.test.ts runs both on the same scenarios and compares every value.

Usage: backtest_reference.py <config.json> <prices_long.csv> [fx.csv]  → JSON on stdout.
Only the long price form is read (the test writes long CSVs); FX rows: date,from,to,rate.
"""
import csv
import datetime as dt
import json
import math
import sys
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, getcontext

import numpy as np

getcontext().prec = 64
getcontext().rounding = ROUND_HALF_UP
CENT = Decimal("0.01")
STATS = {"scaled": 0, "cut": 0, "dropped": 0}  # which ledger paths a run exercised (stderr)


def d(x):
    """A float becomes the Decimal of its shortest round-trip text, as JavaScript's does."""
    if isinstance(x, (float, np.floating)):
        return Decimal(repr(float(x)))
    return Decimal(str(x))


def parse_date(s):
    return dt.date.fromisoformat(s)


def read_prices(path):
    prices = {}  # symbol -> {date: Decimal}
    currency = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            sym = row["symbol"]
            prices.setdefault(sym, {})[row["date"]] = Decimal(row["price"])
            if row.get("currency"):
                currency[sym] = row["currency"]
    return prices, currency


def read_fx(path):
    fx = {}  # (from,to) -> {date: Decimal}
    if not path:
        return fx
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            fx.setdefault((row["from_currency"], row["to_currency"]), {})[row["date"]] = Decimal(row["rate"])
    return fx


def carried(series, dates):
    """Value on or before each date (carry forward, also from before the first date)."""
    keys = sorted(series)
    out, i, last = [], 0, None
    for day in dates:
        while i < len(keys) and keys[i] <= day:
            last = series[keys[i]]
            i += 1
        out.append(last)
    return out


def fx_series(fx, cur, base, dates):
    direct = fx.get((cur, base), {})
    inverse = fx.get((base, cur), {})
    if not direct and not inverse:
        raise SystemExit(f"missing FX pair {cur}->{base}")
    merged = {k: Decimal(1) / v for k, v in inverse.items()}
    merged.update(direct)  # direct wins on a date with both
    return carried(merged, dates)


def strategy_assets(s):
    return [w["symbol"] for w in s["weights"]] if s["type"] == "fixed" else list(s["assets"])


def normalise_strategy(s):
    if s["type"] == "fixed":
        return {"type": "fixed", "weights": [{"symbol": k, "weight": float(v)} for k, v in s["weights"].items()]}
    out = {"type": s["type"], "assets": s["assets"]}
    if s["type"] in ("inverse_volatility", "risk_parity"):
        out["lookback"] = int(s.get("lookback", 60))
    return out


def period_key(freq, day):
    if freq == "daily":
        return day.toordinal()
    if freq == "weekly":
        y, w, _ = day.isocalendar()
        return (y, w)
    if freq == "monthly":
        return (day.year, day.month)
    if freq == "quarterly":
        return (day.year, (day.month - 1) // 3)
    if freq == "annually":
        return day.year
    return None


def erc_weights(cov):
    """Equal risk contribution by Newton on y: Σy = 1/y (Spinu), then w = y/Σy."""
    n = cov.shape[0]
    y = 1.0 / np.sqrt(np.diag(cov))
    y = y / np.sqrt(y @ cov @ y)
    for _ in range(200):
        g = cov @ y - 1.0 / y
        h = cov + np.diag(1.0 / y**2)
        step = np.linalg.solve(h, g)
        t = 1.0
        while np.any(y - t * step <= 0):
            t /= 2
        y_new = y - t * step
        if np.max(np.abs(y_new / y_new.sum() - y / y.sum())) < 1e-14:
            y = y_new
            break
        y = y_new
    return y / y.sum()


def target_weights(spec, assets, base_prices, t):
    n = len(assets)
    if spec["type"] == "fixed":
        return [w["weight"] for w in spec["weights"]]
    if spec["type"] == "equal_weight":
        return [1.0 / n] * n
    lb = spec["lookback"]
    if t < lb:
        return [1.0 / n] * n
    rets = np.array([[math.log(float(base_prices[a][k]) / float(base_prices[a][k - 1])) for k in range(t - lb + 1, t + 1)] for a in assets])
    if spec["type"] == "inverse_volatility":
        sig = rets.std(axis=1, ddof=1)
        inv = 1.0 / sig
        return list(inv / inv.sum())
    cov = np.cov(rets, ddof=1)
    return list(erc_weights(cov))


def rebalance(q, cash, prices, targets, cfg):
    """One rebalance; returns (q, cash, trades). prices: base prices (Decimal) in asset order."""
    qd = Decimal(1).scaleb(-cfg["qdec"])
    f, pct, mtv = cfg["fixed"], cfg["pct"], cfg["mtv"]
    value = cash + sum(qi * p for qi, p in zip(q, prices))
    desired = []
    for i, (w, p) in enumerate(zip(targets, prices)):
        dq = (d(w) * value / p - q[i]).quantize(qd, rounding=ROUND_HALF_UP)
        if dq == 0 or abs(dq) * p < mtv:
            continue
        desired.append((i, dq))
    cost = lambda dq, p: (f + pct * abs(dq) * p).quantize(CENT, rounding=ROUND_HALF_UP)
    trades = []
    q = list(q)
    for i, dq in desired:
        if dq < 0:
            c = cost(dq, prices[i])
            if c > abs(dq) * prices[i]:
                continue
            cash += abs(dq) * prices[i] - c
            q[i] += dq
            trades.append([i, dq, c])
    buys = [(i, dq) for i, dq in desired if dq > 0]
    total_b = sum(dq * prices[i] for i, dq in buys)
    total_k = sum(cost(dq, prices[i]) for i, dq in buys)
    if cash - total_b - total_k < 0:
        STATS["scaled"] += 1
        s = (cash - len(buys) * f) / (total_b * (1 + pct))
        s = min(max(s, Decimal(0)), Decimal(1))
        buys = [(i, (dq * s).quantize(qd, rounding=ROUND_DOWN)) for i, dq in buys]
        buys = [(i, dq) for i, dq in buys if dq > 0]
    # execute and cut while cash < 0
    buys = {i: dq for i, dq in buys}
    def cash_after(bs):
        return cash - sum(dq * prices[i] + cost(dq, prices[i]) for i, dq in bs.items())
    order = sorted(buys, key=lambda i: (-(buys[i] * prices[i]), i))
    for i in order:
        if cash_after(buys) >= 0:
            break
        # fewest units k to cut: cash_after grows monotonically with k (cost is monotone in
        # quantity), so binary search over k in [1, units - 1]; none works → drop the buy.
        dq = buys[i]
        units = int(dq / qd)
        def ok(k):
            trial = dict(buys)
            trial[i] = dq - k * qd
            return cash_after(trial) >= 0
        STATS["cut"] += 1
        if units <= 1 or not ok(units - 1):
            STATS["dropped"] += 1
            del buys[i]
            continue
        lo, hi = 1, units - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if ok(mid):
                hi = mid
            else:
                lo = mid + 1
        buys[i] = dq - lo * qd
    for i in sorted(buys):
        dq = buys[i]
        c = cost(dq, prices[i])
        cash -= dq * prices[i] + c
        q[i] += dq
        trades.append([i, dq, c])
    return q, cash, trades


def simulate(spec, freq, threshold, assets, base_prices, dates, cfg):
    n = len(dates)
    q = [Decimal(0)] * len(assets)
    cash = cfg["capital"]
    values, trades, events = [], [], []
    last_target = None
    for t in range(n):
        prices = [base_prices[a][t] for a in assets]
        reason = None
        if t == 0:
            reason = "initial"
        else:
            if freq != "never" and period_key(freq, parse_date(dates[t])) != period_key(freq, parse_date(dates[t - 1])):
                reason = "calendar"
            elif threshold is not None:
                v = cash + sum(qi * p for qi, p in zip(q, prices))
                for i, a in enumerate(assets):
                    wa = q[i] * prices[i] / v
                    wt = d(last_target[i])
                    band = d(threshold) if threshold != "5/25" else min(Decimal("0.05"), Decimal("0.25") * wt)
                    if abs(wa - wt) > band:
                        reason = "threshold" if threshold != "5/25" else "5/25"
                        break
        if reason:
            targets = target_weights(spec, assets, base_prices, t)
            last_target = targets
            q, cash, tr = rebalance(q, cash, prices, targets, cfg)
            if tr:
                events.append({"day": t, "reason": reason, "n": len(tr)})
            for i, dq, c in tr:
                trades.append({"day": t, "asset": assets[i], "quantity": str(dq), "cost": str(c), "value": abs(dq) * prices[i]})
        values.append(cash + sum(qi * p for qi, p in zip(q, prices)))
    return values, trades, events


def metrics(values, trades, capital, P, rf):
    n = len(values) - 1
    V = [float(v) for v in values]
    r = [V[t] / V[t - 1] - 1 for t in range(1, n + 1)]
    tr = float(values[-1] / capital - 1)
    ann = (1 + tr) ** (P / n) - 1 if n > 0 else None
    vol = float(np.std(r, ddof=1)) * math.sqrt(P) if n > 1 else None
    dd = math.sqrt(sum(min(x, 0) ** 2 for x in r) / n) * math.sqrt(P) if n > 0 else None
    peak, mdd = float(capital), 0.0
    for v in V:
        peak = max(peak, v)
        mdd = min(mdd, v / peak - 1)
    nz = lambda x: x is not None and abs(x) >= 1e-12
    turnover_sum = sum(float(t["value"]) for t in trades if t["day"] > 0)
    return {
        "total_return": tr,
        "annualized_return": ann,
        "volatility": vol,
        "sharpe_ratio": (ann - rf) / vol if nz(vol) and ann is not None else None,
        "downside_deviation": dd,
        "sortino_ratio": (ann - rf) / dd if nz(dd) and ann is not None else None,
        "max_drawdown": mdd,
        "calmar_ratio": ann / abs(mdd) if mdd != 0 and ann is not None else None,
        "num_trades": len(trades),
        "total_costs": str(sum((Decimal(t["cost"]) for t in trades), Decimal(0))),
        "turnover": turnover_sum / 2 / (sum(V) / len(V)) * P / n if n > 0 else None,
    }


def main():
    cfg_json = json.load(open(sys.argv[1]))
    prices, currency = read_prices(sys.argv[2])
    fx = read_fx(sys.argv[3] if len(sys.argv) > 3 else None)
    base = cfg_json["base_currency"].upper()
    spec = normalise_strategy(cfg_json["strategy"])
    benches = []
    for b in cfg_json.get("benchmarks", []):
        if b["type"] == "buy_and_hold":
            benches.append((b["name"], {"type": "fixed", "weights": [{"symbol": b["asset"], "weight": 1.0}]}, "never", None))
        else:
            s = normalise_strategy(b["strategy"]) if b["type"] == "strategy" else {"type": "equal_weight", "assets": b["assets"]}
            benches.append((b["name"], s, b.get("rebalancing_frequency", cfg_json["rebalancing_frequency"]), b.get("rebalance_threshold", cfg_json.get("rebalance_threshold"))))
    used = []
    for s in [spec] + [b[1] for b in benches]:
        for a in strategy_assets(s):
            if a not in used:
                used.append(a)
    start, end = cfg_json["start_date"], cfg_json["end_date"]
    timeline = sorted({day for a in used for day in prices[a] if start <= day <= end})
    base_prices = {}
    for a in used:
        local = carried(prices[a], timeline)
        cur = currency.get(a, base)
        rate = [Decimal(1)] * len(timeline) if cur == base else fx_series(fx, cur, base, timeline)
        base_prices[a] = [None if p is None or r is None else p * r for p, r in zip(local, rate)]
    day0 = next(t for t in range(len(timeline)) if all(base_prices[a][t] is not None for a in used))
    dates = timeline[day0:]
    for a in used:
        base_prices[a] = base_prices[a][day0:]
    P = cfg_json.get("periods_per_year")
    if P is None:
        gaps = sorted((parse_date(dates[i]) - parse_date(dates[i - 1])).days for i in range(1, len(dates)))
        med = float(np.median(gaps)) if gaps else 1
        P = 12 if med >= 28 else 52 if med >= 7 else 365 if any(parse_date(x).weekday() >= 5 for x in dates) else 252
    tc = cfg_json.get("transaction_costs", {})
    cfg = {
        "capital": Decimal(str(cfg_json["initial_capital"])),
        "qdec": int(cfg_json.get("quantity_decimals", 6)),
        "fixed": Decimal(str(tc.get("fixed_per_trade", 0))),
        "pct": Decimal(str(tc.get("percentage", 0))),
        "mtv": Decimal(str(cfg_json.get("min_trade_value", 0))),
    }
    rf = float(cfg_json.get("risk_free_rate", 0.02))
    out = {"dates": dates, "periods_per_year": P, "portfolios": []}
    runs = [(cfg_json.get("name", "Backtest"), spec, cfg_json["rebalancing_frequency"], cfg_json.get("rebalance_threshold"))] + benches
    for name, s, freq, thr in runs:
        if isinstance(thr, str) and thr != "5/25":
            thr = float(thr)
        values, trades, events = simulate(s, freq, thr, strategy_assets(s), base_prices, dates, cfg)
        out["portfolios"].append({
            "name": name,
            "values": [str(v) for v in values],
            "trades": [{k: (str(v) if isinstance(v, Decimal) else v) for k, v in t.items()} for t in trades],
            "events": events,
            "metrics": metrics(values, trades, cfg["capital"], P, rf),
        })
    json.dump(out, sys.stdout)
    print(json.dumps(STATS), file=sys.stderr)


if __name__ == "__main__":
    main()
