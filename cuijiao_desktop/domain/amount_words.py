"""Amounts in Chinese capital numerals (人民币大写) for receipts, as banks require them.

Rules (中国人民银行《支付结算办法》附件): ``壹拾`` is written out; runs of zeros inside the
number give one ``零``; ``元`` without jiao and fen ends with ``整``; when the yuan digit
is 0 and jiao is not, or when jiao is 0 and fen is not, ``零`` follows ``元``.
"""

from __future__ import annotations

__all__ = ["amount_in_words"]

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
_SECTIONS = ("", "万", "亿", "万亿")


def _integer_words(n: int) -> str:
    """Capital numerals of a positive integer (without 元)."""
    groups: list[int] = []
    while n:
        n, g = divmod(n, 10_000)
        groups.append(g)
    if len(groups) > len(_SECTIONS):
        raise ValueError("amount too large for capital numerals")
    out: list[str] = []
    zero_pending = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(out)
            continue
        for place in range(3, -1, -1):
            digit = group // 10**place % 10
            if digit == 0:
                zero_pending = bool(out)
                continue
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(_DIGITS[digit] + _PLACES[place])
        out.append(_SECTIONS[index])
        zero_pending = False
    return "".join(out)


def amount_in_words(fen: int) -> str:
    """``12345`` -> ``"壹佰贰拾叁元肆角伍分"``; ``10000`` -> ``"壹佰元整"``; ``0`` -> ``"零元整"``.

    Negative amounts (reversals) start with ``负``.
    """
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError("fen must be int")
    if fen < 0:
        return "负" + amount_in_words(-fen)
    yuan, rest = divmod(fen, 100)
    jiao, fen_digit = divmod(rest, 10)
    if fen == 0:
        return "零元整"
    text = ""
    if yuan:
        text = _integer_words(yuan) + "元"
    if jiao == 0 and fen_digit == 0:
        return text + "整"
    if jiao:
        if yuan and yuan % 10 == 0:
            text += "零"
        text += _DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen_digit:
        text += _DIGITS[fen_digit] + "分"
    return text
