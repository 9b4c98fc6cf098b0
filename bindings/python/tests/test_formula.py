"""Formula checking through ctypes: positions in characters and bytes, rules texts."""
import caizheng as cz


def test_valid_formula():
    assert cz.check_formula("T02[合计].c1 == sum(T02[*].c1) within tail") is None
    assert cz.check_formula("expenditure[all]: c1 == sum(c2..c6) within tail") is None


def test_error_position_counts_characters():
    err = cz.check_formula("T02[合计.c1 == 1")
    assert err is not None
    assert err.column == 7          # T,0,2,[,合,计 then '.'
    assert err.position == 10       # bytes: 4 ASCII + 2 × 3
    assert "expected ']' after row selector" in err.message


def test_rules_text():
    assert cz.check_formula_rules("id: a\nformula: 1 == 1\n") is None
    err = cz.check_formula_rules("id: a\nformula: T02[合计.c1 == 1\n")
    assert err is not None
    assert (err.line, err.column) == (2, 16)
    assert err.message.startswith("rules line 2, column 16")
    text = cz.builtin_formula_rules()
    assert "id: income.total_row" in text
    assert cz.check_formula_rules(text) is None
