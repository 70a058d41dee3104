#!/usr/bin/env python3
"""Independent reference for the analytics of ../shared/spec/backtest.md that sit on top of the
value series: the QuantStats rows of the summary, rolling metrics, monthly/yearly/trailing
returns and drawdown periods. Written in pandas from the spec and from QuantStats's formulas
(quantstats 0.0.84, stats.py), transcribed function by function; it does not follow the
TypeScript code. tests/engine/analytics.reference.test.ts compares every number.

Input (JSON on stdin):
  {"dates": [...], "capital": C, "P": periods per year, "rf": annual rate, "window": W,
   "anchored": bool, "portfolios": [[V_0..V_N], ...]}   (strategy first; portfolios[1] is the
   first benchmark). With "anchored", dates[0]/V_0 is the close before an export range and
   "capital" equals V_0 of each portfolio (each portfolio's own first value is used).
Output (JSON on stdout): one object per portfolio with "metrics", "yearly", "trailing", and for
the strategy "rolling" and "drawdown_periods".
"""
import json
import math
import sys

import numpy as np
import pandas as pd
from scipy.stats import linregress, norm


def nan_to_none(x):
    if x is None:
        return None
    x = float(x)
    return None if (math.isnan(x) or math.isinf(x)) else x


# ---- QuantStats transcriptions (rf = 0, threshold 0). r: pandas Series of r_1..r_N ----


def qs_win_rate(r):
    nonzero = r[r != 0]
    # QuantStats returns 0.0 here; a 0/0 rate is empty in Backfolio.
    return len(r[r > 0]) / len(nonzero) if len(nonzero) else np.nan


def qs_avg_win(r):
    return r[r > 0].dropna().mean()


def qs_avg_loss(r):
    return r[r < 0].dropna().mean()


def qs_count_consecutive(flags):
    return (flags * (flags.groupby((flags != flags.shift(1)).cumsum()).cumcount() + 1)).max()


def qs_exposure(r):
    ex = len(r[(~np.isnan(r)) & (r != 0)]) / int((~np.isnan(r)).sum())
    return math.ceil(ex * 100) / 100


def qs_omega(r):
    if len(r) < 2:
        return np.nan
    threshold = (1 + 0.0) ** (1.0 / 252) - 1  # required_return 0 → 0
    less = r - threshold
    numer = less[less > 0.0].sum()
    denom = -1.0 * less[less < 0.0].sum()
    return numer / denom if denom > 0.0 else np.nan


def qs_tail_ratio(r, cutoff=0.95):
    upper, lower = r.quantile(cutoff), r.quantile(1 - cutoff)
    if pd.isna(upper) or pd.isna(lower) or lower == 0:
        return np.nan
    return abs(upper / lower)


def qs_profit_factor(r):
    wins = r[r >= 0].sum()
    losses = abs(r[r < 0].sum())
    if losses == 0:
        return np.nan  # QuantStats: 0.0 or inf; empty in Backfolio
    return wins / losses


def qs_payoff_ratio(r):
    loss = qs_avg_loss(r)
    if loss == 0:
        return np.nan
    return qs_avg_win(r) / abs(loss)


def qs_gain_to_pain(r):
    daily = r.resample("D").sum()
    downside = abs(daily[daily < 0].sum())
    return np.nan if downside == 0 else daily.sum() / downside


def qs_kelly(r):
    b = qs_payoff_ratio(r)
    p = qs_win_rate(r)
    if b == 0 or pd.isna(b):
        return np.nan
    return ((b * p) - (1 - p)) / b


def qs_outlier_win(r, q=0.99):
    positive = r[r >= 0].mean()
    if pd.isna(positive) or positive == 0:
        return np.nan
    return r.quantile(q) / positive


def qs_outlier_loss(r, q=0.01):
    negative = r[r < 0].mean()
    if pd.isna(negative) or negative == 0:
        return np.nan
    return r.quantile(q) / negative


def qs_risk_of_ruin(r):
    w = qs_win_rate(r)
    return ((1 - w) / (1 + w)) ** r.count()


def qs_r_squared(r, rb):
    if np.std(rb) == 0 or np.std(r) == 0:
        return np.nan
    return linregress(r, rb).rvalue ** 2


def qs_to_drawdown_series(rho):
    """QuantStats to_drawdown_series: prices from returns on base 1, a phantom 1.0 before them."""
    prices = (1 + rho).cumprod()
    extended = pd.concat([pd.Series([1.0], index=[rho.index[0] - pd.Timedelta(days=1)]), prices])
    dd = extended / np.maximum.accumulate(extended) - 1.0
    return dd.iloc[1:].replace([np.inf, -np.inf, -0.0], 0)


def qs_max_drawdown(rho):
    prices = (1 + rho).cumprod()
    extended = np.concatenate([[1.0], prices.values])
    return (extended / np.maximum.accumulate(extended)).min() - 1


def qs_ulcer_index(rho):
    dd = qs_to_drawdown_series(rho)
    return np.sqrt(np.divide((dd ** 2).sum(), rho.shape[0] - 1))


def qs_cvar_parametric(series, confidence=0.95):
    alpha = 1 - confidence
    mu, sd = series.mean(), series.std()
    if sd == 0 or np.isnan(sd):
        return mu
    return mu - sd * norm.pdf(norm.ppf(alpha)) / alpha


def qs_serenity(rho):
    dd = qs_to_drawdown_series(rho)
    std = rho.std()
    if std == 0:
        return np.nan
    pitfall = -qs_cvar_parametric(dd) / std
    denominator = qs_ulcer_index(rho) * pitfall
    return np.nan if denominator == 0 else rho.sum() / denominator


def qs_recovery_factor(rho):
    mdd = qs_max_drawdown(rho)
    return np.nan if mdd == 0 else abs(rho.sum()) / abs(mdd)


def qs_upi(rho):
    ulcer = qs_ulcer_index(rho)
    return np.nan if ulcer == 0 else (rho.add(1).prod() - 1) / ulcer


def qs_psr(r):
    sr = r.mean() / r.std(ddof=1)
    skew = r.skew()
    kurt = r.kurtosis() + 3
    n = len(r)
    sigma = np.sqrt((1 - skew * sr + ((kurt - 1) / 4) * sr ** 2) / (n - 1))
    return norm.cdf(sr / sigma)


# ---- Backfolio's calendar and rolling analytics, from the spec ----


def calendar_returns(cal, key):
    """Compounds the path returns inside each month or year: month-end over previous month-end, C first."""
    return (1 + cal).groupby(key).prod() - 1


def trailing(v, capital, P):
    d_n = v.index[-1]
    out = {}
    before_month = v[v.index < d_n.replace(day=1)]
    out["mtd"] = v.iloc[-1] / (before_month.iloc[-1] if len(before_month) else capital) - 1
    before_year = v[v.index < d_n.replace(month=1, day=1)]
    for period, months in (("3m", 3), ("6m", 6), ("1y", 12), ("3y", 36), ("5y", 60), ("10y", 120)):
        target = d_n - pd.DateOffset(months=months)  # pandas clamps the day to the month end
        back = v[v.index <= target]
        if len(back) == 0:
            out[period] = None
            continue
        growth = v.iloc[-1] / back.iloc[-1]
        out[period] = growth ** (12 / months) - 1 if months >= 36 else growth - 1
    out["ytd"] = v.iloc[-1] / (before_year.iloc[-1] if len(before_year) else capital) - 1
    n = len(v) - 1
    out["inception"] = (v.iloc[-1] / capital) ** (P / n) - 1 if n > 0 else None
    return {k: nan_to_none(x) for k, x in out.items()}


def rolling(r, rb, W, P, rf):
    rfp = (1 + rf) ** (1 / P) - 1
    ret = (1 + r).rolling(W).apply(np.prod, raw=True) - 1
    std = r.rolling(W).std()
    vol = std * math.sqrt(P)
    sharpe = (r.rolling(W).mean() - rfp) / std * math.sqrt(P)
    beta = r.rolling(W).cov(rb) / rb.rolling(W).var() if rb is not None else pd.Series(np.nan, index=r.index)
    frame = pd.DataFrame({"return": ret, "volatility": vol, "sharpe": sharpe, "beta": beta})
    return {k: [nan_to_none(x) for x in frame[k]] for k in frame.columns}


def drawdown_periods(v, capital):
    values = v.values
    peak, peak_at = capital, 0
    periods, current = [], None
    for t, value in enumerate(values):
        if value >= peak:
            if current is not None:
                current["recovery"] = t
                periods.append(current)
                current = None
            peak, peak_at = value, t
        else:
            if current is None:
                current = {"start": peak_at, "peak": peak, "trough": t, "recovery": None}
            elif value < values[current["trough"]]:
                current["trough"] = t
    if current is not None:
        periods.append(current)
    dates = v.index
    last = len(values) - 1
    rows = []
    for p in periods:
        end = p["recovery"] if p["recovery"] is not None else last
        rows.append({
            "start": dates[p["start"]].strftime("%Y-%m-%d"),
            "trough": dates[p["trough"]].strftime("%Y-%m-%d"),
            "recovery": None if p["recovery"] is None else dates[p["recovery"]].strftime("%Y-%m-%d"),
            "depth": values[p["trough"]] / p["peak"] - 1,
            "length": end - p["start"],
            "length_days": (dates[end] - dates[p["start"]]).days,
            "days_to_recover": None if p["recovery"] is None else (dates[p["recovery"]] - dates[p["trough"]]).days,
        })
    rows.sort(key=lambda row: (row["depth"], row["start"]))
    return rows


def analyse(values, dates, capital, P, rf, W, anchored, benchmark_returns):
    v = pd.Series(values, index=dates, dtype=float)
    r = v.pct_change().iloc[1:]
    rho = pd.concat([pd.Series([v.iloc[0] / capital - 1], index=[v.index[0]]), r])
    metrics = {
        "omega_ratio": qs_omega(r),
        "tail_ratio": qs_tail_ratio(r),
        "profit_factor": qs_profit_factor(r),
        "payoff_ratio": qs_payoff_ratio(r),
        "gain_to_pain_ratio": qs_gain_to_pain(r),
        "common_sense_ratio": qs_profit_factor(r) * qs_tail_ratio(r),
        "cpc_index": qs_profit_factor(r) * qs_win_rate(r) * qs_payoff_ratio(r),
        "max_consecutive_wins": qs_count_consecutive(r > 0),
        "max_consecutive_losses": qs_count_consecutive(r < 0),
        "avg_win": qs_avg_win(r),
        "avg_loss": qs_avg_loss(r),
        "kelly_criterion": qs_kelly(r),
        "outlier_win_ratio": qs_outlier_win(r),
        "outlier_loss_ratio": qs_outlier_loss(r),
        "risk_of_ruin": qs_risk_of_ruin(r),
        "exposure": qs_exposure(r),
        "r_squared": qs_r_squared(r.values, benchmark_returns.values) if benchmark_returns is not None else np.nan,
        "ulcer_index": qs_ulcer_index(rho),
        "ulcer_performance_index": qs_upi(rho),
        "recovery_factor": qs_recovery_factor(rho),
        "serenity_index": qs_serenity(rho),
        "probabilistic_sharpe_ratio": qs_psr(r),
    }
    cal = rho.iloc[1:] if anchored else rho
    monthly = calendar_returns(cal, [cal.index.year, cal.index.month])
    yearly = calendar_returns(cal, cal.index.year)
    metrics.update({
        "best_month": monthly.max(), "worst_month": monthly.min(),
        "best_year": yearly.max(), "worst_year": yearly.min(),
    })
    out = {
        "metrics": {k: nan_to_none(x) for k, x in metrics.items()},
        "yearly": [{"year": int(y), "return": nan_to_none(x)} for y, x in yearly.items()],
        "trailing": trailing(v, capital, P),
        "returns": r,
    }
    return out


def main():
    d = json.load(sys.stdin)
    dates = pd.to_datetime(d["dates"])
    P, rf, W, anchored = d["P"], d["rf"], d["window"], d.get("anchored", False)
    values = d["portfolios"]
    bench = pd.Series(values[1], index=dates).pct_change().iloc[1:] if len(values) > 1 else None
    results = []
    for i, series in enumerate(values):
        capital = series[0] if anchored else d["capital"]
        # Every portfolio's r_squared is against the first benchmark (itself: 1).
        out = analyse(series, dates, capital, P, rf, W, anchored, bench)
        if i == 0:
            roll = rolling(out["returns"], bench, W, P, rf)
            # Align to the dates: for a run, day 0 has no return (its row is empty).
            if not anchored:
                roll = {k: [None] + x for k, x in roll.items()}
            out["rolling"] = roll
            v = pd.Series(series, index=dates, dtype=float)
            # A range's peak is the close before it (dates[0]): its drawdowns start there.
            out["drawdown_periods"] = drawdown_periods(v, capital)
        del out["returns"]
        results.append(out)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
