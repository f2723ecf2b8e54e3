import pytest

from cuijiao_desktop.domain.amount_words import amount_in_words


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (0, "零元整"),
        (1, "壹分"),
        (10, "壹角"),
        (12, "壹角贰分"),
        (100, "壹元整"),
        (1000, "壹拾元整"),
        (1600, "壹拾陆元整"),
        (12345, "壹佰贰拾叁元肆角伍分"),
        (10000, "壹佰元整"),
        (10050, "壹佰元零伍角"),
        (32504, "叁佰贰拾伍元零肆分"),
        (168032, "壹仟陆佰捌拾元零叁角贰分"),
        (101000, "壹仟零壹拾元整"),
        (1640902, "壹万陆仟肆佰零玖元零贰分"),
        (10700053, "壹拾万柒仟元零伍角叁分"),
        (10000100, "壹拾万零壹元整"),
        (100000000, "壹佰万元整"),
        (1001000000, "壹仟零壹万元整"),
        (10000000000, "壹亿元整"),
        (10001000000, "壹亿零壹万元整"),
        (10000010000, "壹亿零壹佰元整"),
        (2500000, "贰万伍仟元整"),
        (-12345, "负壹佰贰拾叁元肆角伍分"),
    ],
)
def test_amount_in_words(fen, words):
    assert amount_in_words(fen) == words


def test_rejects_non_int():
    with pytest.raises(TypeError):
        amount_in_words(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        amount_in_words(True)
