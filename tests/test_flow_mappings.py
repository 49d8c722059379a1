"""Mistakes inside a flow mapping (``{contributor: X, amount: £189,000}``, the style the samples use
for contributions) get the same right advice as in a block mapping, at the value to fix."""

from __future__ import annotations

import pytest

from wtcheck.core.loading import LoadError, load_bytes


def error_of(text: str) -> LoadError:
    with pytest.raises(LoadError) as raised:
        load_bytes(text.encode(), "f.yaml")
    return raised.value


def contributions(item: str) -> str:
    return f"funding:\n  contributions:\n    - {item}\n  basis: agreed\n"


@pytest.mark.parametrize("amount, number", [("£189,000", "189000"), ("189,000", "189000"), ("£1,250,000.50", "1250000.50")])
def test_a_comma_in_an_amount_says_write_the_number(amount, number):
    error = error_of(contributions(f"{{contributor: Kestrelford Council, amount: {amount}}}"))
    assert (error.line, error.column) == (3, 50)
    pieces = amount.split(",")
    assert error.message == (f"inside {{ }} a comma ends a value, so '{amount}' was read as '{pieces[0]}' "
                             f"and a key '{pieces[1]}'; write just the number, without £ or commas: amount: {number}")
    assert "keys must be text" not in error.message


def test_a_comma_in_text_says_put_it_in_quotes():
    error = error_of(contributions("{contributor: Smith, Jones and Co, amount: 5}"))
    assert (error.line, error.column) == (3, 21)
    assert error.message.endswith("put the value in quotes: contributor: \"Smith, Jones and Co\"")
    several = error_of(contributions("{contributor: Smith, Jones, and Co}"))
    assert several.message.endswith("put the value in quotes: contributor: \"Smith, Jones, and Co\"")


def test_the_advice_holds_when_more_items_follow():
    error = error_of(contributions("{contributor: X, amount: £189,000, share: 45}"))
    assert "write just the number, without £ or commas: amount: 189000" in error.message


def test_the_same_value_in_a_block_gets_the_schemas_advice():
    from wtcheck.core.schema import validate_document

    block = load_bytes(b"funding:\n  contributions:\n    - contributor: X\n      amount: \"\xc2\xa3189,000\"\n", "f.yaml")
    [problem] = validate_document(block)
    assert "write just the number (e.g. 12500 or 12.5), without £, commas, % or words" in problem.message


@pytest.mark.parametrize("item, key, value", [
    ("{contributor: X: Y, amount: 5}", "contributor", "X: Y"),
    ("{contributor: X, note: paid 50%: yearly}", "note", "paid 50%: yearly"),
])
def test_a_colon_in_a_value_says_put_it_in_quotes_not_that_the_brace_is_unclosed(item, key, value):
    error = error_of(contributions(item))
    assert error.line == 3
    assert "is never closed" not in error.message
    assert error.message.endswith(f"the value after '{key}:' holds ': ', which inside {{ }} starts another key; "
                                  f"put the value in quotes: {key}: \"{value}\"")


def test_text_after_a_closing_quote_is_named():
    error = error_of(contributions('{contributor: "Smith" and Co, amount: 5}'))
    assert "text follows the closing quote of a value" in error.message


def test_a_brace_really_left_open_is_still_said_to_be_open():
    error = error_of(contributions("{contributor: X, amount: 189000"))
    assert "the { at line 3 is never closed" in error.message


def test_well_formed_flow_mappings_load():
    document = load_bytes(contributions("{contributor: 'Smith, Jones', amount: 189000, share: 45}").encode(), "f.yaml")
    assert document.data["funding"]["contributions"][0] == {"contributor": "Smith, Jones", "amount": 189000, "share": 45}
